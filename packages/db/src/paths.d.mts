/** The monorepo root. */
export declare const repoRoot: string;
/** <repo root>/.data/pglite: the embedded database's folder when PGLITE_DIR is unset. */
export declare const DEFAULT_PGLITE_DIR: string;
/** PGLITE_DIR as an absolute path (relative values from the current directory; unset or empty → DEFAULT_PGLITE_DIR). */
export declare function resolvePgliteDir(value: string | undefined): string;
