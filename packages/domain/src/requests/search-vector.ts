import { queryRows, type Db } from "@llmguard/db";
import type { Logger } from "../shared/logger";
import { safeText } from "../shared/safe-text";
import { CHUNK_HASH_START, ChunkTable, chunkHashEnd, chunkHashStep } from "./chunk-table";

/**
 * The full-text vector of each ingested row, assembled in Node (issue 14).
 *
 * PostgreSQL's `to_tsvector('english', …)` cost 2.4 s of the 3.6 s it took to insert 20,000 rows: the
 * parser reads every character. Parsing the same vector from its text form (`'lexeme':1,4 …`) costs
 * about a seventh. So ingest hands PostgreSQL a prebuilt vector that is **byte for byte the one
 * `to_tsvector` would have built** (the search side, `search.service.ts`, is unchanged and old rows stay
 * searchable), and PostgreSQL stays the only tokenizer and stemmer:
 *
 * - PostgreSQL's default parser never carries a token across ASCII whitespace (tags are the exception:
 *   `<a href="x y">` is one token, so text with a `<` before a non-space falls back, below). A text is
 *   therefore the concatenation of its whitespace-separated chunks, each tokenized on its own, with
 *   positions offset by the tokens the chunks before it consumed. The parser does read a chunk at the
 *   very start of the text differently (`./src/a.ts` there is the file './src/a.ts', after a space
 *   '/src/a.ts'), so a text's first chunk is cached apart.
 * - Each distinct chunk ("invoices", "ECONNREFUSED", "bob@example.com.") is tokenized by PostgreSQL once
 *   per process, in one query per flush for all the chunks no row has shown before, and kept in a bounded
 *   cache (chunk-table.ts, looked up while scanning, without splitting the text into strings): its
 *   lexemes with their positions relative to the chunk, and how many positions it consumes
 *   (stop words take a position and leave no lexeme). Chunks of ASCII letters and digits with at least
 *   one digit (ids, hashes, numbers) need no lookup: the parser reads them as one number or numword token,
 *   which the 'simple' dictionary lower-cases.
 * - Positions are merged as `to_tsvector` merges them (to_tsany.c, uniqueWORD): at most 255 per lexeme,
 *   clamped at 16,383, no repeats.
 * - The cache lives as long as the process: an operator who changes the database's 'english' text search
 *   configuration (its dictionaries or stop words) restarts the servers, as for any cached setting.
 *
 * A row falls back to `to_tsvector` in the INSERT (its vector here is null) when it has a tag-like `<`,
 * a chunk longer than MAX_CHUNK_CHARS, or chunks the flush's lookup budget could not cover. The vector is
 * built from the stored text, after redaction, so the index never sees a redacted value.
 * `search-vector.int.test.ts` compares the result with `to_tsvector` itself on generated and corpus text.
 */

/** `to_tsvector` reads the first this-many characters of the prompt and of the response (INSERT_SQL). */
export const SEARCH_FIELD_CHARS = 20_000;
/** Longer chunks (base64 blobs, minified code) are not looked up: their row falls back to to_tsvector. */
const MAX_CHUNK_CHARS = 256;
/** Most distinct chunks looked up per flush (about 2.5 µs of PostgreSQL time each). */
const LOOKUP_BUDGET = 4_000;
/** Chunks kept per process; when it is full it starts over. */
const CACHE_ENTRIES = 200_000;
/** tsvector limits (tsearch/ts_type.h): MAXENTRYPOS - 1 and MAXNUMPOS - 1. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 255;

/**
 * Chunks of ASCII letters and digits with a digit, up to this long, are numbers or numwords: one lexeme,
 * lower-cased, no stemming, no stop words (not when they start with a number in scientific notation:
 * `1e10I` is the float '1e10' then the word 'i').
 */
const NUMWORD_MAX_CHARS = 100;

/** ASCII whitespace, what separates chunks (the parser's isspace; other spaces stay inside chunks). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}
/** `text[from, to)` starts with digits, then e or E, then a digit. */
function scientific(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === from || i + 1 >= to) return false;
  const e = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  return (e === 101 || e === 69) && d >= 48 && d <= 57;
}

/**
 * One distinct lexeme, shared by every cached chunk that yields it ('invoic' for "invoice" and
 * "invoices"): its tsvector text form, quoted and escaped once, and where the row being assembled keeps
 * its positions (`slot`, valid while `row` is the current row's number).
 */
interface Lexeme {
  /** `' lexeme':` as the output writes it before the first position (the leading space is cut once). */
  head: string;
  row: number;
  slot: number;
}

/** A chunk's lexemes in position order: `lexemes[i]` at relative position `positions[i]` (from 1). */
interface ChunkLexemes {
  lexemes: Lexeme[];
  positions: number[];
  /** Positions the chunk consumes (its tokens, stop words included). */
  consumed: number;
}

const NO_LEXEMES: ChunkLexemes = { lexemes: [], positions: [], consumed: 0 };
const ONE = [1];
/** scanRow's and scanField's outcomes besides a vector. */
const OK = 0;
const MISSING = 1;
const FALLBACK = 2;
/** Position numbers as text, made once (the output writes thousands per flush); then with a comma before. */
const POSITION_TEXT = Array.from({ length: 16_384 }, (_, i) => String(i));
const NEXT_POSITION_TEXT = POSITION_TEXT.map((p) => `,${p}`);

/** The first `n` characters (code points, as PostgreSQL's left() counts them) of `s`. */
export function leftChars(s: string, n: number): string {
  if (s.length <= n) return s;
  let units = 0;
  let chars = 0;
  while (chars < n && units < s.length) {
    const c = s.charCodeAt(units);
    units += c >= 0xd800 && c <= 0xdbff && units + 1 < s.length && (s.charCodeAt(units + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    chars++;
  }
  return s.slice(0, units);
}

/** The text INSERT_SQL's to_tsvector reads: the first 20,000 characters of each field, a space between. */
export function searchedText(prompt: string, response: string): string {
  return `${leftChars(safeText(prompt), SEARCH_FIELD_CHARS)} ${leftChars(safeText(response), SEARCH_FIELD_CHARS)}`;
}

/** A lexeme in tsvector text form: quoted, with ' and \ escaped. */
function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

// The lookup appends a sentinel word after one space: its position is one past the chunk's tokens.
// PostgreSQL stems it to itself (checked when the answer comes back; a chunk that swallowed it falls back).
const SENTINEL = "zqxsentinelzqx";
const LOOKUP_SQL = `
SELECT u.i::int AS i, t.lexeme AS lexeme, t.positions::int[] AS positions
FROM unnest($1::text[]) WITH ORDINALITY AS u(c, i)
CROSS JOIN LATERAL unnest(to_tsvector('english', u.c || ' ${SENTINEL}')) AS t(lexeme, positions, weights)`;

/**
 * The cache key of a text's first chunk. Chunks never hold a space (they are split on spaces), so a
 * key ending in one cannot collide with a chunk read after whitespace.
 */
const startKey = (chunk: string) => `${chunk} `;
/** What the lookup parses for a key: a chunk after whitespace is looked up after a space. */
const lookupText = (key: string) => (key.endsWith(" ") ? key.slice(0, -1) : ` ${key}`);

export interface SearchVectorStats {
  /** Rows whose vector was built here. */
  built: number;
  /** Rows left to to_tsvector. */
  fallback: number;
  /** Distinct chunks looked up in PostgreSQL. */
  lookedUp: number;
}

export class SearchVectorBuilder {
  private readonly cache: ChunkTable<ChunkLexemes>;
  private readonly cacheLimit: number;
  private readonly budget: number;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    opts: { cacheEntries?: number; lookupBudget?: number } = {},
  ) {
    const entries = opts.cacheEntries ?? CACHE_ENTRIES;
    this.cacheLimit = entries;
    this.cache = new ChunkTable(entries);
    // A flush never looks up more than half the cache holds, or it would evict its own answers.
    this.budget = Math.max(1, Math.min(opts.lookupBudget ?? LOOKUP_BUDGET, Math.floor(entries / 2)));
  }

  /** Chunks cached (for tests and the benchmark). */
  get cachedChunks(): number {
    return this.cache.size;
  }

  /**
   * The tsvector text of each row (what `to_tsvector('english', left(prompt, 20000) || ' ' ||
   * left(response, 20000))` returns), or null where the row is left to to_tsvector. Never throws: if the
   * lookup fails, the rows it was for fall back.
   */
  async build(rows: readonly { prompt: string; response: string }[], stats?: SearchVectorStats): Promise<(string | null)[]> {
    const out: (string | null)[] = new Array(rows.length).fill(null);
    // Rows that need a lookup first, with the chunks missing from the cache (keys: see startKey).
    const pending: { index: number; missing: Set<string> }[] = [];
    let built = 0;
    const missing: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      missing.length = 0;
      const vector = this.scanRow(rows[i]!, missing);
      if (typeof vector === "string") {
        out[i] = vector;
        built++;
      } else if (vector === MISSING) pending.push({ index: i, missing: new Set(missing) });
    }
    const lookedUp = pending.length > 0 ? await this.lookUp(pending) : 0;
    for (const p of pending) {
      const vector = this.scanRow(rows[p.index]!, null);
      if (typeof vector === "string") {
        out[p.index] = vector;
        built++;
      }
    }
    if (stats) {
      stats.built += built;
      stats.fallback += rows.length - built;
      stats.lookedUp += lookedUp;
    }
    return out;
  }

  /**
   * Looks up the chunks not cached yet, within the budget: first those of the rows with the fewest
   * missing chunks (each completes a row), then, with what is left, those of the others (so the cache
   * warms even when every row holds new words). Returns how many were looked up.
   */
  private async lookUp(pending: { missing: Set<string> }[]): Promise<number> {
    const order = [...pending].sort((a, b) => a.missing.size - b.missing.size);
    const wanted = new Set<string>();
    for (const p of order) {
      if (wanted.size >= this.budget) break;
      for (const c of p.missing) {
        if (wanted.size >= this.budget) break;
        wanted.add(c);
      }
    }
    const chunks = [...wanted];
    let rows: { i: number; lexeme: string; positions: number[] }[];
    try {
      // Straight to the node-postgres pool where there is one (thousands of parameters; see group-commit.ts).
      rows = await queryRows(this.db, LOOKUP_SQL, [chunks.map(lookupText)]);
    } catch (err) {
      // An outage or anything else: these rows fall back, and the INSERT reports the outage if there is one.
      this.logger.warn({ err, chunks: chunks.length }, "search vector lookup failed; the rows fall back to to_tsvector");
      return 0;
    }
    const found: { lexeme: string; position: number }[][] = chunks.map(() => []);
    for (const r of rows) for (const p of r.positions) found[r.i - 1]!.push({ lexeme: r.lexeme, position: p });
    // Full: start over (lexemes and chunks together, so no two Lexeme objects ever stand for one
    // lexeme). A few flushes of lookups fill it again.
    if (this.cache.size + chunks.length > this.cacheLimit) this.clear();
    for (let k = 0; k < chunks.length; k++) {
      const entries = found[k]!.sort((a, b) => a.position - b.position);
      const last = entries.pop();
      // The sentinel must be the last token, on its own: else the chunk changed how it was read.
      if (!last || last.lexeme !== SENTINEL || entries.some((e) => e.position >= last.position)) continue;
      const key = chunks[k]!;
      const atStart = key.endsWith(" ");
      this.cache.add(
        atStart ? key.slice(0, -1) : key,
        atStart,
        entries.length === 0 && last.position === 1
          ? NO_LEXEMES
          : { lexemes: entries.map((e) => this.intern(e.lexeme)), positions: entries.map((e) => e.position), consumed: last.position - 1 },
      );
    }
    return chunks.length;
  }

  private clear(): void {
    this.cache.clear();
    this.lexemeOf.clear();
  }

  private intern(lexeme: string): Lexeme {
    let l = this.lexemeOf.get(lexeme);
    if (l === undefined) {
      l = { head: ` ${quoteLexeme(lexeme)}:`, row: -1, slot: 0 };
      this.lexemeOf.set(lexeme, l);
    }
    return l;
  }

  // Reused by scanRow() for every row (no allocation per lexeme): the row's distinct lexemes ("slots")
  // with their positions as linked lists in flat arrays, and the output's parts.
  private readonly lexemeOf = new Map<string, Lexeme>();
  /** Numbers and numwords are not interned (ids and hashes would fill the map): one map per row. */
  private readonly numwordOf = new Map<string, Lexeme>();
  private rowNumber = 0;
  private slots = 0;
  private entries = 0;
  private offset = 0;
  private numwords = false;
  private slotLexeme: Lexeme[] = [];
  private slotHead = new Int32Array(1024);
  private slotTail = new Int32Array(1024);
  private slotCount = new Int32Array(1024);
  private entryPosition = new Int32Array(4096);
  private entryNext = new Int32Array(4096);
  private readonly parts: string[] = [];

  /**
   * One row's vector text; or MISSING when chunks are not cached yet (added to `missing` when given);
   * or FALLBACK when the row is left to to_tsvector (a tag-like `<`, a chunk over MAX_CHUNK_CHARS).
   */
  private scanRow(row: { prompt: string; response: string }, missing: string[] | null): string | typeof MISSING | typeof FALLBACK {
    this.rowNumber++;
    this.slots = 0;
    this.entries = 0;
    this.offset = 0;
    this.numwords = false;
    const a = this.scanField(leftChars(safeText(row.prompt), SEARCH_FIELD_CHARS), true, missing);
    if (a === FALLBACK) return FALLBACK;
    const b = this.scanField(leftChars(safeText(row.response), SEARCH_FIELD_CHARS), false, missing);
    if (b === FALLBACK) return FALLBACK;
    if (a === MISSING || b === MISSING) return MISSING;
    if (this.slots === 0) return "";
    const parts = this.parts;
    parts.length = 0;
    for (let slot = 0; slot < this.slots; slot++) {
      let e = this.slotHead[slot]!;
      parts.push(this.slotLexeme[slot]!.head, POSITION_TEXT[this.entryPosition[e]!]!);
      for (e = this.entryNext[e]!; e !== -1; e = this.entryNext[e]!) parts.push(NEXT_POSITION_TEXT[this.entryPosition[e]!]!);
    }
    return parts.join("").slice(1);
  }

  /**
   * Adds one field's chunks to the row: scans it once, hashing each chunk as it goes and finding it in
   * the cache without making a string of it. The prompt's first chunk, when the prompt does not start
   * with whitespace, is read at the start of the text. OK, MISSING (some chunk is not cached; the others
   * are still scanned so `missing` gets them all) or FALLBACK.
   */
  private scanField(text: string, isPrompt: boolean, missing: string[] | null): typeof OK | typeof MISSING | typeof FALLBACK {
    const n = text.length;
    let result: typeof OK | typeof MISSING = OK;
    let i = 0;
    while (i < n) {
      if (isSpace(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const from = i;
      let hash = CHUNK_HASH_START;
      let alnum = true;
      let digit = false;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (isSpace(c)) break;
        // A tag-like `<` (`<b>`, `</p>`, `<!--`): the parser may read a tag across whitespace.
        if (c === 60 && i + 1 < n && !isSpace(text.charCodeAt(i + 1))) return FALLBACK;
        hash = chunkHashStep(hash, c);
        if (c >= 48 && c <= 57) digit = true;
        else if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) alnum = false;
      }
      const length = i - from;
      const atStart = isPrompt && from === 0;
      const entry = this.cache.find(text, from, length, chunkHashEnd(hash, atStart), atStart);
      if (entry !== undefined) {
        if (result === OK) this.add(entry.lexemes, entry.positions);
        this.offset += entry.consumed;
        continue;
      }
      if (!atStart && alnum && digit && length <= NUMWORD_MAX_CHARS && !scientific(text, from, i)) {
        if (result === OK) this.add([this.numword(text.slice(from, i).toLowerCase())], ONE);
        this.offset += 1;
        continue;
      }
      if (length > MAX_CHUNK_CHARS) return FALLBACK;
      result = MISSING;
      if (missing) missing.push(atStart ? startKey(text.slice(from, i)) : text.slice(from, i));
    }
    return result;
  }

  private numword(lower: string): Lexeme {
    // A cached chunk may yield the same lexeme ("42," as well as "42"): one Lexeme per lexeme, or the row
    // would list it twice and PostgreSQL would merge the two lists past to_tsvector's 255 positions.
    const shared = this.lexemeOf.get(lower);
    if (shared) return shared;
    if (!this.numwords) {
      this.numwordOf.clear();
      this.numwords = true;
    }
    let l = this.numwordOf.get(lower);
    if (l === undefined) {
      l = { head: ` '${lower}':`, row: -1, slot: 0 };
      this.numwordOf.set(lower, l);
    }
    return l;
  }

  /**
   * Adds a chunk's lexemes at the row's current offset, merged as to_tsvector merges positions
   * (uniqueWORD): in order, at most 255 per lexeme, none after the clamp at 16,383, no repeats.
   */
  private add(lexemes: readonly Lexeme[], positions: readonly number[]): void {
    const row = this.rowNumber;
    for (let j = 0; j < lexemes.length; j++) {
      const position = Math.min(this.offset + positions[j]!, MAX_POSITION);
      const l = lexemes[j]!;
      let slot: number;
      if (l.row !== row) {
        slot = this.slots++;
        l.row = row;
        l.slot = slot;
        if (slot >= this.slotHead.length) this.growSlots();
        this.slotLexeme[slot] = l;
        this.slotHead[slot] = this.entries;
        this.slotCount[slot] = 0;
      } else {
        slot = l.slot;
        const last = this.entryPosition[this.slotTail[slot]!]!;
        if (this.slotCount[slot]! >= MAX_POSITIONS_PER_LEXEME || last === MAX_POSITION || last === position) continue;
        this.entryNext[this.slotTail[slot]!] = this.entries;
      }
      const e = this.entries++;
      if (e >= this.entryPosition.length) this.growEntries();
      this.entryPosition[e] = position;
      this.entryNext[e] = -1;
      this.slotTail[slot] = e;
      this.slotCount[slot]!++;
    }
  }

  private growSlots(): void {
    this.slotHead = grow(this.slotHead);
    this.slotTail = grow(this.slotTail);
    this.slotCount = grow(this.slotCount);
  }

  private growEntries(): void {
    this.entryPosition = grow(this.entryPosition);
    this.entryNext = grow(this.entryNext);
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
