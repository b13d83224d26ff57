/**
 * The hand-written probe sets (`training/probes/`) up to set TRAINED_UP_TO_SET, as training data.
 *
 * Why: the probes were written one set at a time, each in one sitting, in the styles of the public red-team
 * data the held-out evaluation uses (from general knowledge of those styles, nothing copied). They are far
 * more varied in wording than the generated sets, and fitting on some of them generalizes to the others: in
 * a two-fold test by set number (odd sets against even ones, 2026-12-07, twelfth session; docs/risk.md,
 * "Probes as training data"), adding one fold to training raised the whole scorer's recall on the other
 * fold's injections by 2–8 points and on its jailbreaks by 2–8 points, with benign and safe-but-scary
 * rates within a text or two. Sets after TRAINED_UP_TO_SET stay out of training, so `training/probes.ts`
 * keeps a blind measure: write a new set, score it, and only then raise the constant and rerun this script.
 *
 *   pnpm exec tsx packages/guard/training/sources/handwritten-probes.ts
 *
 * Writes data/handwritten-probes.jsonl.gz. PII, secret and look-alike probes are left out (the classifier
 * has no head for them). Like every source, a fifth of it is held out for `pnpm eval:risk`.
 */
import { readdirSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import type { Category } from "../dataset.ts";
import { promptLines, type Row } from "./common.ts";
import { writeNew } from "./handwritten-jailbreak-wild.ts";

/** The newest probe set that is training data; later sets are the blind measure. */
export const TRAINED_UP_TO_SET = 21;

const PROBE_DIR = new URL("../probes/", import.meta.url);
const TRAINED_CATEGORIES: ReadonlySet<Category> = new Set(["injection", "jailbreak", "harmful", "benign", "benign_scary"]);

/** `injection-7.txt` → { category: "injection", set: 7 }; the first sets have no number (set 1). */
export function probeFile(name: string): { category: string; set: number } | null {
  const m = /^([a-z_]+?)(?:-(\d+|review))?\.txt$/.exec(name);
  if (!m) return null;
  // benign-review.txt: the adversarial benign twins of the eleventh session's rules (set 21's batch).
  const set = m[2] === undefined ? 1 : m[2] === "review" ? 21 : Number(m[2]);
  return { category: m[1]!, set };
}

export function probeRows(): Row[] {
  const rows: Row[] = [];
  for (const name of readdirSync(PROBE_DIR).sort()) {
    const file = probeFile(name);
    if (!file || file.set > TRAINED_UP_TO_SET || !TRAINED_CATEGORIES.has(file.category as Category)) continue;
    for (const text of promptLines(new URL(name, PROBE_DIR))) rows.push({ text, category: file.category as Category });
  }
  return rows;
}

if (basename(fileURLToPath(import.meta.url)) === basename(process.argv[1] ?? "")) {
  console.log(writeNew("handwritten-probes", probeRows()));
}
