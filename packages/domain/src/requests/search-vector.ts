import type { Db } from "@llmguard/db";
import type { Logger } from "../shared/logger";
import { safeText } from "../shared/safe-text";

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
 *   '/src/a.ts'), so a text's first chunk is cached apart, under its own key (START_KEY).
 * - Each distinct chunk ("invoices", "ECONNREFUSED", "bob@example.com.") is tokenized by PostgreSQL once
 *   per process, in one query per flush for all the chunks no row has shown before, and kept in a bounded
 *   cache: its lexemes with their positions relative to the chunk, and how many positions it consumes
 *   (stop words take a position and leave no lexeme). Chunks of ASCII letters and digits with at least
 *   one digit (ids, hashes, numbers) need no lookup: the parser reads them as one number or numword token,
 *   which the 'simple' dictionary lower-cases.
 * - Positions are merged as `to_tsvector` merges them (to_tsany.c, uniqueWORD): at most 255 per lexeme,
 *   clamped at 16,383, no repeats.
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
/** Chunks kept per process; the oldest tenth goes when it is full. */
const CACHE_ENTRIES = 200_000;
/** tsvector limits (tsearch/ts_type.h): MAXENTRYPOS - 1 and MAXNUMPOS - 1. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 255;

/** A tag-like `<` (`<b>`, `</p>`, `<!--`, `<?xml`): the parser may read a tag across whitespace. */
const TAG_START = /<[^\s]/;
/** ASCII whitespace: what separates chunks (the parser's isspace; other spaces stay inside chunks). */
const WHITESPACE = /[ \t\n\r\f\v]+/;
/**
 * A number or numword token: one lexeme, lower-cased, no stemming, no stop words. Not when it starts
 * with a number in scientific notation: `1e10I` is the float '1e10' then the word 'i'.
 */
const NUMWORD = /^(?![0-9]+[eE][0-9])[A-Za-z0-9]*[0-9][A-Za-z0-9]*$/;
const NUMWORD_MAX_CHARS = 100;

/** A chunk's lexemes in position order: `lexemes[i]` at relative position `positions[i]` (from 1). */
interface ChunkLexemes {
  lexemes: string[];
  positions: number[];
  /** Positions the chunk consumes (its tokens, stop words included). */
  consumed: number;
}

const NO_LEXEMES: ChunkLexemes = { lexemes: [], positions: [], consumed: 0 };

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
  private readonly cache = new Map<string, ChunkLexemes>();
  private readonly maxEntries: number;
  private readonly budget: number;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    opts: { cacheEntries?: number; lookupBudget?: number } = {},
  ) {
    this.maxEntries = opts.cacheEntries ?? CACHE_ENTRIES;
    this.budget = opts.lookupBudget ?? LOOKUP_BUDGET;
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
    const chunksOf: (string[] | null)[] = [];
    const missingOf: Set<string>[] = [];
    for (const row of rows) {
      const text = searchedText(row.prompt, row.response);
      if (TAG_START.test(text)) {
        chunksOf.push(null);
        missingOf.push(new Set());
        continue;
      }
      const chunks = text.split(WHITESPACE);
      // A text that starts with whitespace splits into "" first: its first chunk follows a space.
      if (chunks[0] !== "") chunks[0] = startKey(chunks[0]!);
      const missing = new Set<string>();
      let tooLong = false;
      for (const c of chunks) {
        if (c === "" || this.cache.has(c) || (c.length <= NUMWORD_MAX_CHARS && NUMWORD.test(c))) continue;
        if (c.length > MAX_CHUNK_CHARS) {
          tooLong = true;
          break;
        }
        missing.add(c);
      }
      chunksOf.push(tooLong ? null : chunks);
      missingOf.push(missing);
    }
    const lookedUp = await this.lookUp(chunksOf, missingOf);
    const out: (string | null)[] = [];
    let built = 0;
    for (let i = 0; i < rows.length; i++) {
      const chunks = chunksOf[i]!;
      const vector = chunks === null ? null : this.assemble(chunks);
      if (vector !== null) built++;
      out.push(vector);
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
  private async lookUp(chunksOf: readonly (string[] | null)[], missingOf: readonly Set<string>[]): Promise<number> {
    const order = missingOf.map((m, i) => i).filter((i) => chunksOf[i] !== null && missingOf[i]!.size > 0);
    if (order.length === 0) return 0;
    order.sort((a, b) => missingOf[a]!.size - missingOf[b]!.size);
    const wanted = new Set<string>();
    for (const i of order) {
      const m = missingOf[i]!;
      if (wanted.size >= this.budget) break;
      for (const c of m) {
        if (wanted.size >= this.budget) break;
        wanted.add(c);
      }
    }
    const chunks = [...wanted];
    let rows: { i: number; lexeme: string; positions: number[] }[];
    try {
      rows = await this.db.$queryRawUnsafe(LOOKUP_SQL, chunks.map(lookupText));
    } catch (err) {
      // An outage or anything else: these rows fall back, and the INSERT reports the outage if there is one.
      this.logger.warn({ err, chunks: chunks.length }, "search vector lookup failed; the rows fall back to to_tsvector");
      return 0;
    }
    const found: { lexeme: string; position: number }[][] = chunks.map(() => []);
    for (const r of rows) for (const p of r.positions) found[r.i - 1]!.push({ lexeme: r.lexeme, position: p });
    for (let k = 0; k < chunks.length; k++) {
      const entries = found[k]!.sort((a, b) => a.position - b.position);
      const last = entries.pop();
      // The sentinel must be the last token, on its own: else the chunk changed how it was read.
      if (!last || last.lexeme !== SENTINEL || entries.some((e) => e.position >= last.position)) continue;
      this.remember(chunks[k]!, entries.length === 0 && last.position === 1 ? NO_LEXEMES : {
        lexemes: entries.map((e) => e.lexeme),
        positions: entries.map((e) => e.position),
        consumed: last.position - 1,
      });
    }
    return chunks.length;
  }

  private remember(chunk: string, lexemes: ChunkLexemes): void {
    if (this.cache.size >= this.maxEntries) {
      // Map keeps insertion order: drop the oldest tenth in one go rather than one entry per insert.
      let drop = Math.max(1, Math.floor(this.maxEntries / 10));
      for (const key of this.cache.keys()) {
        this.cache.delete(key);
        if (--drop === 0) break;
      }
    }
    this.cache.set(chunk, lexemes);
  }

  /** The vector text of one row's chunks, or null if one of them is still unknown. */
  private assemble(chunks: readonly string[]): string | null {
    const positionsOf = new Map<string, number[]>();
    let offset = 0;
    for (const c of chunks) {
      if (c === "") continue;
      let entry = this.cache.get(c);
      if (entry === undefined) {
        if (c.length > NUMWORD_MAX_CHARS || !NUMWORD.test(c)) return null;
        entry = { lexemes: [c.toLowerCase()], positions: [1], consumed: 1 };
      }
      for (let j = 0; j < entry.lexemes.length; j++) {
        const position = Math.min(offset + entry.positions[j]!, MAX_POSITION);
        const lexeme = entry.lexemes[j]!;
        const list = positionsOf.get(lexeme);
        if (list === undefined) positionsOf.set(lexeme, [position]);
        else {
          // to_tsvector's merge (uniqueWORD): in position order, at most 255, stop at the clamp, no repeats.
          const lastPosition = list[list.length - 1]!;
          if (list.length < MAX_POSITIONS_PER_LEXEME && lastPosition !== MAX_POSITION && lastPosition !== position) list.push(position);
        }
      }
      offset += entry.consumed;
    }
    const parts: string[] = [];
    for (const [lexeme, positions] of positionsOf) parts.push(`${quoteLexeme(lexeme)}:${positions.join(",")}`);
    return parts.join(" ");
  }
}
