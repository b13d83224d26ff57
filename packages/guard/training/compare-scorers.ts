/**
 * Differential check for speed work on the scorer: scores the corpus with the work tree's scorer and with
 * a commit's (default HEAD), and prints every difference in results or redaction. A change meant only to
 * make the scorer faster must print "0 differences".
 *
 *   pnpm --filter @llmguard/guard exec tsx training/compare-scorers.ts [commit]
 *
 * Each text is scored as a prompt with another corpus text as the response, with and without a tuning
 * (blocked keywords and an allowlist); every fifth also with zero-width spaces inside its words and an
 * upper-cased response, every third concatenated with its partner. The commit's scorer is extracted with
 * `git archive` into the system's temporary folder and imported from there.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as current from "../src/index.ts";
import type { RiskInput } from "../src/index.ts";
import { loadCorpus } from "./corpus.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const ref = process.argv[2] ?? "HEAD";
const commit = execFileSync("git", ["rev-parse", ref], { cwd: repoRoot, encoding: "utf8" }).trim();
const dir = path.join(tmpdir(), `llmguard-scorer-${commit.slice(0, 12)}`);
if (!existsSync(path.join(dir, "packages/guard/src/index.ts"))) {
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync("git", ["archive", commit, "packages/guard/src"], { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  // ES modules, as in the work tree (tsx would otherwise compile the copy to CommonJS).
  writeFileSync(path.join(dir, "package.json"), '{"type":"module"}');
}
const previous = (await import(pathToFileURL(path.join(dir, "packages/guard/src/index.ts")).href)) as typeof current;

const tuning = { blockedKeywords: ["project falcon", "internal only", "c++", "api key"], allowlist: ["password reset", "ignore previous"] };
const tunings = [
  [current.compileTuning(tuning), previous.compileTuning(tuning)],
  [undefined, undefined],
] as const;
const withZeroWidth = (s: string) => s.replace(/(\w)(\w)/g, (_m, a: string, b: string) => `${a}\u200b${b}`);

let compared = 0;
let differences = 0;
function report(what: string, input: RiskInput, now: string, before: string): void {
  if (differences++ >= 5) return;
  console.log(`${what} differs for prompt ${JSON.stringify(input.prompt.slice(0, 160))}\n  now    ${now.slice(0, 800)}\n  before ${before.slice(0, 800)}`);
}

function check(prompt: string, response: string): void {
  const input: RiskInput = { prompt, response, model: "gpt-4o", status: "success", totalTokens: 100 };
  for (const [tNow, tBefore] of tunings) {
    compared++;
    const a = current.analyzeRisk(input, tNow);
    const b = previous.analyzeRisk(input, tBefore);
    const [ja, jb] = [JSON.stringify(a), JSON.stringify(b)];
    if (ja !== jb) report("result", input, ja, jb);
    const [ra, rb] = [JSON.stringify(current.redactRecord(input, a, "secrets+pii")), JSON.stringify(previous.redactRecord(input, b, "secrets+pii"))];
    if (ra !== rb) report("redaction", input, ra, rb);
  }
}

const corpus = loadCorpus().map((x) => x.text);
for (let i = 0; i < corpus.length; i++) {
  const text = corpus[i]!;
  const partner = corpus[(i * 7919) % corpus.length]!;
  check(text, partner);
  if (i % 5 === 0) check(withZeroWidth(text), text.toUpperCase());
  if (i % 3 === 0) check(`${text}\n\n${partner}`, `${partner} ${text}`);
}
console.log(`${compared.toLocaleString("en-US")} scorings compared with ${commit.slice(0, 12)}: ${differences} differences`);
process.exit(differences > 0 ? 1 : 0);
