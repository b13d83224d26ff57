/**
 * Red-team style attacks and their benign look-alikes, written for training by second engineers
 * (`red-team/<category>-<batch>.txt`, one prompt per line, `\n` for a line break inside a prompt).
 *
 * Why: fitting on the hand-written probes (handwritten-probes.ts) showed that varied hand-written attacks
 * generalize to other hand-written and public ones (docs/risk.md, "Probes as training data"). These batches
 * add more of that variety on purpose: batch a is injections (overrides in many wordings, extraction in the
 * styles of password games, indirect injections in documents and tool outputs, tool hijacks, obfuscations,
 * 14 languages) with look-alike benign requests; batch b is jailbreaks (long persona set-ups, persuasive
 * role-play around a harmful goal, short framings), plain harmful requests, and benign role-play and
 * safe-but-scary look-alikes; later batches (c–m, DATA_CARD.md) add ordinary-worded jailbreaks, indirect
 * injections, plain harmful requests as people type them, and ordinary prompts in 20 languages so that a
 * language is not evidence. The writers worked from general knowledge of the styles, saw none of the
 * held-out repositories, probes or tests, and were told not to reproduce any known prompt.
 *
 *   pnpm exec tsx packages/guard/training/sources/handwritten-red-team.ts
 *
 * Writes data/handwritten-red-team.jsonl.gz; run after the other sources (texts already in another file are
 * dropped).
 */
import { readdirSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { CATEGORIES, type Category } from "../dataset.ts";
import { promptLines, type Row } from "./common.ts";
import { writeNew } from "./handwritten-jailbreak-wild.ts";

const DIR = new URL("./red-team/", import.meta.url);

export function redTeamRows(): Row[] {
  const rows: Row[] = [];
  for (const name of readdirSync(DIR).filter((f) => f.endsWith(".txt")).sort()) {
    const category = name.replace(/-[a-z0-9]+\.txt$/, "");
    if (!(CATEGORIES as readonly string[]).includes(category)) throw new Error(`red-team/${name}: no category "${category}"`);
    for (const line of promptLines(new URL(name, DIR))) rows.push({ text: line.replaceAll("\\n", "\n"), category: category as Category });
  }
  return rows;
}

if (basename(fileURLToPath(import.meta.url)) === basename(process.argv[1] ?? "")) {
  console.log(writeNew("handwritten-red-team", redTeamRows()));
}
