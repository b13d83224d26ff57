import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/**
 * The labelled texts the risk classifier is trained on and the scorer is evaluated on. Every source
 * writes `data/<source>.jsonl.gz`, one `{"text","category"}` object per line (see DATA_CARD.md for
 * where each file comes from, its licence and its counts). Synthetic PII and secrets are generated in
 * code (synthetic/), from a fixed seed, so they need no file.
 */
export const CATEGORIES = ["injection", "jailbreak", "harmful", "pii", "secret", "benign", "benign_scary"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LabeledText {
  text: string;
  category: Category;
  /** Source id (the data file's name without extension, or "synthetic-pii" …). */
  source: string;
}

export const DATA_DIR = new URL("./data/", import.meta.url);

/** FNV-1a over UTF-16 code units: stable across runs and machines. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * One fifth of every source, chosen by a hash of the whitespace-collapsed, lower-cased text, is held out
 * for `pnpm eval:risk` and never trained on; duplicates land on the same side.
 */
export function splitOf(text: string): "train" | "eval" {
  return stableHash(text.toLowerCase().replace(/\s+/g, " ").trim()) % 5 === 0 ? "eval" : "train";
}

/** Reads every data file. */
export function loadDataFiles(dir: URL = DATA_DIR): LabeledText[] {
  const out: LabeledText[] = [];
  const path = dir.pathname;
  for (const file of readdirSync(path).sort()) {
    if (!file.endsWith(".jsonl.gz")) continue;
    const source = file.slice(0, -".jsonl.gz".length);
    const lines = gunzipSync(readFileSync(join(path, file))).toString("utf8").split("\n");
    for (const line of lines) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { text?: unknown; category?: unknown };
      if (typeof row.text !== "string" || !(CATEGORIES as readonly string[]).includes(row.category as string)) {
        throw new Error(`${file}: bad row ${line.slice(0, 120)}`);
      }
      out.push({ text: row.text, category: row.category as Category, source });
    }
  }
  return out;
}

/** train: fitted on; dev: the calibration of scores to points is chosen on it; eval: only `pnpm eval:risk` reads it. */
export type Part = "train" | "dev" | "eval";

export function partOf(text: string): Part {
  if (splitOf(text) === "eval") return "eval";
  return stableHash(`dev:${text.toLowerCase().replace(/\s+/g, " ").trim()}`) % 8 === 0 ? "dev" : "train";
}
