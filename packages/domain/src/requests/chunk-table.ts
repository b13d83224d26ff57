/**
 * A hash table from text chunks to values that is looked up with a slice of a larger string, without
 * making the slice (search-vector.ts looks up every whitespace-separated chunk of every ingested row:
 * splitting the text into strings and hashing them again in a Map cost more than everything else).
 * The caller hashes the chunk while it scans it (`chunkHash`), so each character is read once.
 * Open addressing with linear probing, at most half full; no deletion, only `clear()`.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/** FNV-1a over UTF-16 code units: start with CHUNK_HASH_START, fold each unit with chunkHashStep. */
export const CHUNK_HASH_START = FNV_OFFSET;
export function chunkHashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}
/** The finished hash of a chunk; a chunk at the very start of a text hashes apart (it is read apart). */
export function chunkHashEnd(hash: number, atStart: boolean): number {
  return (atStart ? Math.imul(hash ^ 0x5bd1e995, FNV_PRIME) : hash) >>> 0;
}
export function chunkHash(chunk: string, atStart: boolean): number {
  let h = CHUNK_HASH_START;
  for (let i = 0; i < chunk.length; i++) h = chunkHashStep(h, chunk.charCodeAt(i));
  return chunkHashEnd(h, atStart);
}

export class ChunkTable<V> {
  private slots: Int32Array;
  private mask: number;
  private keys: string[] = [];
  private starts: boolean[] = [];
  private hashes: number[] = [];
  private values: V[] = [];

  constructor(private readonly maxEntries: number) {
    let size = 16;
    while (size < maxEntries * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.keys.length;
  }

  get full(): boolean {
    return this.keys.length >= this.maxEntries;
  }

  /** The value of `text.slice(from, from + length)` (read at the text's start or not), or undefined. */
  find(text: string, from: number, length: number, hash: number, atStart: boolean): V | undefined {
    const { slots, mask, keys } = this;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === 0) return undefined;
      const k = s - 1;
      const key = keys[k]!;
      if (this.hashes[k] === hash && key.length === length && this.starts[k] === atStart && text.startsWith(key, from)) return this.values[k];
    }
  }

  /** Adds a chunk (kept as it is if already there); ignored when the table is full. */
  add(chunk: string, atStart: boolean, value: V): void {
    const hash = chunkHash(chunk, atStart);
    if (this.full || this.find(chunk, 0, chunk.length, hash, atStart) !== undefined) return;
    let i = hash & this.mask;
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    this.keys.push(chunk);
    this.starts.push(atStart);
    this.hashes.push(hash);
    this.values.push(value);
    this.slots[i] = this.keys.length;
  }

  clear(): void {
    this.slots.fill(0);
    this.keys = [];
    this.starts = [];
    this.hashes = [];
    this.values = [];
  }
}
