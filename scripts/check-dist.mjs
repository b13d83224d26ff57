// Run after `tsc` by the build of packages/sdk and packages/cli (in the package folder): fails the build
// when what would be published needs anything but Node.
//
// The package is dependency-free at run time (STYLE.md §9): its types may come from @llmguard/domain's
// schemas, but only through `import type`, which the compiler erases. This walks the build from the
// package's entry points (package.json bin/main/types/exports) and fails on
//   - a dependency in package.json's dependencies, peerDependencies or optionalDependencies;
//   - any JavaScript import of something other than a Node built-in or another file of the build
//     (a value import of @llmguard/domain or zod, for instance), or of a file that does not exist
//     (Node's ESM loader needs the exact file, extension included);
//   - a published declaration file that imports another package, so the types resolve for users who
//     have none of this monorepo's private packages.
// Imports are read with TypeScript's own scanner (comments and strings are not mistaken for imports).
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const problems = [];

for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
  const names = Object.keys(pkg[field] ?? {});
  if (names.length > 0) problems.push(`package.json ${field}: ${names.join(", ")} (the package must have none)`);
}

const builtins = new Set(builtinModules);
const isBuiltin = (spec) => spec.startsWith("node:") || builtins.has(spec) || builtins.has(spec.split("/")[0]);

/** Entry files named by package.json: JavaScript (bin, main, import/default) and declarations (types). */
function entries() {
  const js = new Set();
  const dts = new Set();
  const add = (file, kind) => file && (kind === "types" ? dts : js).add(resolve(root, file));
  for (const file of typeof pkg.bin === "string" ? [pkg.bin] : Object.values(pkg.bin ?? {})) add(file, "js");
  add(pkg.main, "js");
  add(pkg.types, "types");
  for (const target of Object.values(pkg.exports ?? {})) {
    if (typeof target === "string") {
      if (!target.endsWith(".json")) add(target, target.endsWith(".d.ts") ? "types" : "js");
      continue;
    }
    add(target.import, "js");
    add(target.default, "js");
    add(target.types, "types");
  }
  return { js: [...js], dts: [...dts] };
}

/** Walks the import graph from `start`; `toFile` maps a relative specifier to the file it loads. */
function walk(start, kind, advice, toFile) {
  const seen = new Set();
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const where = relative(root, file);
    if (!existsSync(file)) {
      problems.push(`${where} does not exist`);
      continue;
    }
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName: spec } of info.importedFiles) {
      if (spec.startsWith("./") || spec.startsWith("../")) {
        const target = toFile(resolve(dirname(file), spec));
        if (!existsSync(target)) problems.push(`${where} imports ${spec}, which is not in the build (an import without its .js extension?)`);
        else queue.push(target);
      } else if (!isBuiltin(spec)) {
        problems.push(`${where} imports '${spec}' ${kind}; only Node built-ins and the package's own files may be (${advice})`);
      }
    }
    for (const { fileName: ref } of info.typeReferenceDirectives) {
      if (ref !== "node") problems.push(`${where} references the types of '${ref}'`);
    }
  }
  return seen.size;
}

const { js, dts } = entries();
const jsFiles = walk(js, "at run time", "take types with `import type`, which the compiler erases", (f) => f);
const dtsFiles = walk(dts, "in its published types", "keep other packages' types out of what the entry point exports", (f) => f.replace(/\.(m|c)?[jt]s$/, (_, m) => `.d.${m ?? ""}ts`));

if (problems.length > 0) {
  console.error(`${pkg.name}: the build is not dependency-free:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`${pkg.name}: build checked: ${jsFiles} JavaScript and ${dtsFiles} declaration files load only Node built-ins and each other`);
