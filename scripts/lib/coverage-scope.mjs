// What counts as source for coverage (issue 16): one list for the vitest runs (scripts/lib/vitest-coverage.ts)
// and for the report that merges them (scripts/coverage-report.mjs), so the two never disagree.

/** Workspace source, relative to the repository root. apps/web counts its plain TypeScript modules only. */
export const coverageInclude = ["packages/*/src/**/*.{ts,mts,mjs}", "apps/web/src/**/*.{ts,mts}"];

/** Not source: tests, testing helpers, generated code, declaration files, React components, tooling. */
export const coverageExclude = [
  "**/node_modules/**",
  "**/*.test.ts",
  "**/*.d.ts",
  "**/*.d.mts",
  "**/*.tsx",
  "**/testing/**",
  "**/testing.ts",
  "**/test-support.ts",
  "**/vitest-global-setup.ts",
  "**/generated/**",
  "**/*.generated.ts",
  "**/openapi-client/schema.ts",
  "**/openapi-client/generate.ts",
];

/** A glob (`**`, `*`, `{a,b}`) as an anchored regular expression over `/`-separated relative paths. */
export function globToRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      if (glob[i + 2] === "/") {
        re += "(?:.*/)?";
        i += 2;
      } else {
        re += ".*";
        i += 1;
      }
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "{") re += "(?:";
    else if (c === "}") re += ")";
    else if (c === ",") re += "|";
    else re += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

const includeRes = coverageInclude.map(globToRegExp);
const excludeRes = coverageExclude.map(globToRegExp);

/** True when `relPath` (relative to the repository root, `/`-separated) is source that coverage counts. */
export function isCoveredSource(relPath) {
  return includeRes.some((re) => re.test(relPath)) && !excludeRes.some((re) => re.test(relPath));
}

/** The package a source file belongs to: `domain` for packages/domain/src/…, `web` for apps/web/src/…. */
export function packageOf(relPath) {
  const m = /^(?:packages\/([^/]+)|apps\/(web))\/src\//.exec(relPath);
  return m ? (m[1] ?? m[2]) : undefined;
}
