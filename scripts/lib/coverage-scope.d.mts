export declare const coverageInclude: string[];
export declare const coverageExclude: string[];
export declare function globToRegExp(glob: string): RegExp;
export declare function isCoveredSource(relPath: string): boolean;
export declare function packageOf(relPath: string): string | undefined;
