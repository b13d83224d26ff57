import { describe, expect, it } from "vitest";
import { CHUNK_HASH_START, ChunkTable, chunkHash, chunkHashEnd, chunkHashStep } from "./chunk-table";

/** How search-vector.ts finds a chunk: hashed while scanned, looked up as a slice of the text. */
function findIn<V>(table: ChunkTable<V>, text: string, from: number, to: number, atStart = false): V | undefined {
  let h = CHUNK_HASH_START;
  for (let i = from; i < to; i++) h = chunkHashStep(h, text.charCodeAt(i));
  return table.find(text, from, to - from, chunkHashEnd(h, atStart), atStart);
}

describe("ChunkTable", () => {
  it("finds a chunk by a slice of a longer text, and only that chunk", () => {
    const t = new ChunkTable<number>(100);
    t.add("invoices", false, 1);
    t.add("invoice", false, 2);
    const text = "the invoices and one invoice";
    expect(findIn(t, text, 4, 12)).toBe(1);
    expect(findIn(t, text, 21, 28)).toBe(2);
    expect(findIn(t, text, 4, 11)).toBe(2); // "invoice" inside "invoices"
    expect(findIn(t, text, 0, 3)).toBeUndefined();
    expect(findIn(t, "INVOICES", 0, 8)).toBeUndefined();
  });

  it("keeps a chunk read at the start of a text apart from the same chunk elsewhere", () => {
    const t = new ChunkTable<string>(100);
    t.add("./src/a.ts", true, "at start");
    expect(findIn(t, "./src/a.ts", 0, 10, true)).toBe("at start");
    expect(findIn(t, "x ./src/a.ts", 2, 12, false)).toBeUndefined();
    t.add("./src/a.ts", false, "after a space");
    expect(findIn(t, "x ./src/a.ts", 2, 12, false)).toBe("after a space");
    expect(chunkHash("a", true)).not.toBe(chunkHash("a", false));
  });

  it("survives hash collisions and many entries (linear probing), keeps the first value of a repeated add", () => {
    const t = new ChunkTable<number>(5000);
    for (let i = 0; i < 5000; i++) t.add(`w${i}`, false, i);
    t.add("w7", false, -1);
    expect(t.size).toBe(5000);
    for (let i = 0; i < 5000; i += 97) expect(findIn(t, ` w${i} `, 1, 2 + String(i).length)).toBe(i);
    expect(findIn(t, "w7", 0, 2)).toBe(7);
    expect(findIn(t, "w5000", 0, 5)).toBeUndefined();
  });

  it("ignores adds when full, and starts over on clear()", () => {
    const t = new ChunkTable<number>(2);
    t.add("a", false, 1);
    t.add("b", false, 2);
    expect(t.full).toBe(true);
    t.add("c", false, 3);
    expect(findIn(t, "c", 0, 1)).toBeUndefined();
    t.clear();
    expect(t.size).toBe(0);
    expect(findIn(t, "a", 0, 1)).toBeUndefined();
    t.add("c", false, 3);
    expect(findIn(t, "c", 0, 1)).toBe(3);
  });
});
