/**
 * `pnpm --filter @llmguard/guard exec tsx training/probes.ts [--list] [--dir <folder>]`: the whole scorer (default settings,
 * prompt only) on short hand-written probes, one file per category in `probes/`, one text per line. Prints
 * the share flagged (score ≥ 70) per category; `--list` also prints every probe with its score and factors.
 *
 * The probes were written by hand for this check, one set at a time. Sets 1–21 are training data since the
 * twelfth session (sources/handwritten-probes.ts, TRAINED_UP_TO_SET), so their figures are in-sample now;
 * later sets (22 onwards) are not read by training and stay the blind measure. Score a new set with `--dir`
 * before it joins probes/, and raise TRAINED_UP_TO_SET only after it has been scored.
 */
import { readdirSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { scoreRisk } from "../src/index.ts";

// `--dir <folder>`: score a new set before it joins probes/ (write it, score it once, then add it).
const dirArg = process.argv.indexOf("--dir");
const dir = dirArg > 0 && process.argv[dirArg + 1] ? pathToFileURL(`${process.argv[dirArg + 1]!.replace(/\/?$/, "/")}`) : new URL("./probes/", import.meta.url);
const list = process.argv.includes("--list");
console.log("| category | probes | flagged (score ≥ 70) |\n|---|---:|---:|");
for (const file of readdirSync(dir).filter((f) => f.endsWith(".txt")).sort()) {
  const texts = readFileSync(new URL(file, dir), "utf8").split("\n").filter((l) => l.trim() !== "");
  let flagged = 0;
  const lines: string[] = [];
  for (const prompt of texts) {
    const r = scoreRisk({ prompt, response: "", model: "gpt-4o", status: "success", totalTokens: 100 });
    if (r.score >= 70) flagged++;
    if (list) lines.push(`  ${String(r.score).padStart(3)} ${r.score >= 70 ? "FLAG" : "    "} ${prompt.slice(0, 100)} | ${r.factors.map((f) => `${f.type}:${f.points}`).join(", ")}`);
  }
  console.log(`| ${file.replace(/\.txt$/, "")} | ${texts.length} | ${((100 * flagged) / texts.length).toFixed(1)}% |`);
  if (list) console.log(lines.join("\n"));
}
