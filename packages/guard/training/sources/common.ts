/**
 * Helpers shared by the source scripts: read a file out of a fetched git snapshot, pick a stable
 * subsample, normalise, deduplicate and write `data/<source>.jsonl.gz`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { type Category, DATA_DIR, stableHash } from "../dataset.ts";

/** Where `fetch` puts snapshots: `<MIRROR_DIR>/<owner>+<name>/repo` (a bare git directory). */
export const MIRROR_DIR = process.env.MIRROR_DIR ?? "/work/.mirror";

export const MAX_CHARS = 8000;

export interface Row {
  text: string;
  category: Category;
}

/** The text of `path` at `commit` in the snapshot of `repo` ("owner/name"). */
export function gitShow(repo: string, commit: string, path: string): string {
  const gitDir = `${MIRROR_DIR}/${repo.replace("/", "+")}/repo`;
  return execFileSync("git", ["--git-dir", gitDir, "show", `${commit}:${path}`], {
    maxBuffer: 256 * 1024 * 1024,
    encoding: "utf8",
  });
}

export function normKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/** A hand-written text file's prompts: one per line, trimmed, blank lines dropped. */
export function promptLines(file: URL): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** Trims, drops empties, truncates to MAX_CHARS. */
export function clean(text: string): string {
  let t = text.replace(/\r\n/g, "\n").replace(/\u0000/g, "").trim();
  if (t.length > MAX_CHARS) t = t.slice(0, MAX_CHARS);
  return t;
}

/** A stable subsample of `n` items, chosen by a salted hash of each item's key. */
export function sample<T>(items: readonly T[], n: number, key: (x: T) => string, salt: string): T[] {
  if (items.length <= n) return [...items];
  return [...items]
    .map((x) => ({ x, h: stableHash(`${salt}\u0001${key(x)}`) }))
    .sort((a, b) => a.h - b.h)
    .slice(0, n)
    .map((e) => e.x);
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

export function shuffle<T>(r: () => number, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/** Cleans and dedupes (first occurrence wins), then writes the gzip file; returns counts per category. */
export function writeSource(id: string, rows: readonly Row[]): Record<string, number> {
  const seen = new Set<string>();
  const out: Row[] = [];
  for (const r of rows) {
    const text = clean(r.text);
    if (text.length < 3) continue;
    const k = normKey(text);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ text, category: r.category });
  }
  const dir = DATA_DIR.pathname;
  mkdirSync(dir, { recursive: true });
  const body = out.map((r) => JSON.stringify({ text: r.text, category: r.category })).join("\n") + "\n";
  const gz = gzipSync(Buffer.from(body, "utf8"), { level: 9 });
  writeFileSync(`${dir}${id}.jsonl.gz`, gz);
  const counts: Record<string, number> = {};
  for (const r of out) counts[r.category] = (counts[r.category] ?? 0) + 1;
  console.log(`${id}: ${out.length} rows, ${(gz.length / 1024).toFixed(0)} KiB`, counts);
  return counts;
}
