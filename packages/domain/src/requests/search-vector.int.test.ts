import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey } from "../api-keys/api-key.service";
import { registerUser } from "../auth/auth.service";
import { createProject } from "../projects/project.service";
import { createLogger } from "../shared/logger";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "../testing";
import { ingestBatch } from "./ingest.service";
import { leftChars, SearchVectorBuilder, searchedText, type SearchVectorStats } from "./search-vector";

// Issue 14: ingest hands PostgreSQL a prebuilt search vector. It must be the vector to_tsvector builds
// from the same text, or search would silently miss rows; these tests hold it to PostgreSQL itself.

let app: Awaited<ReturnType<typeof createTestApp>>;
const logger = createLogger({ level: "silent" });

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.close());

interface Pair {
  prompt: string;
  response: string;
}

/** Rows where the prebuilt vector differs from to_tsvector's (as texts), with what each gave. */
async function mismatches(rows: Pair[], vectors: (string | null)[]): Promise<{ text: string; ours: string; postgres: string }[]> {
  const idx = vectors.flatMap((v, i) => (v === null ? [] : [i]));
  if (idx.length === 0) return [];
  const result = await app.db.$queryRawUnsafe<{ i: number; ours: string; postgres: string }[]>(
    `SELECT u.i::int AS i, u.v::tsvector::text AS ours, to_tsvector('english', left(u.p, 20000) || ' ' || left(u.r, 20000))::text AS postgres
     FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(p, r, v, i)
     WHERE u.v::tsvector IS DISTINCT FROM to_tsvector('english', left(u.p, 20000) || ' ' || left(u.r, 20000))`,
    idx.map((i) => rows[i]!.prompt),
    idx.map((i) => rows[i]!.response),
    idx.map((i) => vectors[i]!),
  );
  return result.map((m) => ({ text: JSON.stringify(searchedText(rows[idx[m.i - 1]!]!.prompt, rows[idx[m.i - 1]!]!.response)).slice(0, 300), ours: m.ours.slice(0, 300), postgres: m.postgres.slice(0, 300) }));
}

/** A deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// What PostgreSQL's parser reads in special ways: hyphenated words, e-mail, hosts, URLs, paths, numbers
// with signs, decimals, versions, scientific notation, tags, entities, apostrophes, other scripts,
// other spaces, stop words, long tokens.
const FRAGMENTS = [
  "the", "a", "of", "and", "is", "it's", "don't", "Running", "invoices", "ponies", "caresses", "generously", "QueryFailedError",
  "ECONNREFUSED", "AKIAIOSFODNN7EXAMPLE", "sk-proj-abc123DEF", "gpt-4o-mini", "step-by-step", "state-of-the-art", "co-operate",
  "bob@example.com", "bob.smith@mail.example.org", "x@y", "@mention", "user@", "https://api.example.com/v1/chat?x=1&y=2",
  "http://localhost:3000/", "ftp://files.example.net/a.txt", "www.example.co.uk", "example.com.", "node.js", "e.g.", "i.e.,", "U.S.A.",
  "/usr/local/bin/node", "C:\\Users\\bob\\file.txt", "./src/index.ts", "~/notes.md", "a/b", "and/or", "1.2.3", "v2.0.1-beta.3",
  "3.14", "-5", "+7", "-3.5e-10", "1e10", "0x1F", "1st", "2nd", "10:30", "50%", "$5.00", "#hashtag", "C++", "C#", "F#",
  "<b>bold</b>", "<a href=\"x y\">link</a>", "<!-- comment here -->", "a < b", "x<y", "<", ">", "a<>b", "&amp;", "&#169;", "&nbsp;", "&", "R&D",
  "naïve", "café", "Ünïcödé", "日本語", "Привет", "مرحبا", "😀", "👩‍💻", "—", "–", "“quoted”", "‘single’", "…", "\u00a0", "\u2003", "\u200b",
  "foo_bar", "__init__", "snake_case_name", "camelCaseName", "kebab-case-name", "--flag", "-", "--", "...", "!!!", "???", "(paren)", "[bracket]",
  "{brace}", "\"dq\"", "'sq'", "`code`", "```", "key=value", "a=b&c=d", "x:y", "a;b", "a,b", "a|b", "\\", "\\n", "%20", "%", "^", "*", "**bold**",
  "_it_", "0", "00", "007", "123456789012345678901234567890", "abc123", "123abc", "a1b2c3", "IPv4", "192.168.0.1", "::1", "2001:db8::1",
  "550e8400-e29b-41d4-a716-446655440000", "2026-12-07T01:23:45Z", "+1-202-555-0143", "(555)", "x".repeat(300), "y".repeat(2100),
  "word-" + "z".repeat(40), "I", "me", "myself", "ours", "between", "through", "should", "now", "s", "t", "can", "will", "just",
];
/** Random letters and digits: the tokens the numword rule reads without a lookup (ids, hashes, 1e10x). */
function alnum(rnd: () => number): string {
  const alphabet = "0123456789eExXabcdefzZ";
  return Array.from({ length: 1 + Math.floor(rnd() * 10) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join("");
}
const SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\f", "\v", ""];

function generated(n: number, seed: number): Pair[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const text = () => {
    const parts: string[] = [];
    const count = 1 + Math.floor(rnd() * 40);
    for (let i = 0; i < count; i++) parts.push(rnd() < 0.2 ? alnum(rnd) : pick(FRAGMENTS), pick(SEPARATORS));
    return parts.join("");
  };
  return Array.from({ length: n }, () => ({ prompt: text(), response: rnd() < 0.2 ? "" : text() }));
}

/** Real prompts (the risk classifier's training files) paired into prompt and response. */
function corpus(limit: number): Pair[] {
  const dir = join(__dirname, "../../../guard/training/data");
  const texts: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const lines = gunzipSync(readFileSync(join(dir, f))).toString("utf8").trim().split("\n");
    for (let i = 0; i < lines.length; i += 4) texts.push((JSON.parse(lines[i]!) as { text: string }).text);
  }
  const pairs: Pair[] = [];
  for (let i = 0; i + 1 < texts.length && pairs.length < limit; i += 2) pairs.push({ prompt: texts[i]!, response: texts[i + 1]! });
  return pairs;
}

async function buildAll(builder: SearchVectorBuilder, rows: Pair[], stats?: SearchVectorStats): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (let i = 0; i < rows.length; i += 500) out.push(...(await builder.build(rows.slice(i, i + 500), stats)));
  return out;
}

describe("the prebuilt search vector is to_tsvector's", () => {
  it("on generated text full of what the parser reads specially", async () => {
    const builder = new SearchVectorBuilder(app.db, logger);
    // SEARCH_VECTOR_FUZZ=<rows>:<seed> runs a longer search for differences (the suite runs 3,000:14).
    const [n, seed] = (process.env.SEARCH_VECTOR_FUZZ ?? "3000:14").split(":").map(Number);
    const rows = generated(n!, seed!);
    const stats = { built: 0, fallback: 0, lookedUp: 0 };
    const vectors = await buildAll(builder, rows, stats);
    expect(await mismatches(rows, vectors)).toEqual([]);
    // Tag-like `<` and 2,100-character tokens send many of these rows to to_tsvector; not all.
    expect(stats.built).toBeGreaterThan(rows.length * 0.25);
    expect(stats.fallback).toBeGreaterThan(0);
  });

  it("on real prompts, and a warm cache builds nearly every row without looking anything up", async () => {
    const builder = new SearchVectorBuilder(app.db, logger);
    const rows = corpus(4000);
    expect(rows.length).toBeGreaterThan(3000);
    const first = { built: 0, fallback: 0, lookedUp: 0 };
    const vectors = await buildAll(builder, rows, first);
    expect(await mismatches(rows, vectors)).toEqual([]);
    // Each flush looks up at most LOOKUP_BUDGET new chunks, so a cold cache takes a few passes to fill.
    let pass = first;
    let again = vectors;
    for (let i = 0; i < 6 && pass.lookedUp > 0; i++) {
      pass = { built: 0, fallback: 0, lookedUp: 0 };
      again = await buildAll(builder, rows, pass);
    }
    expect(pass.lookedUp).toBe(0);
    expect(await mismatches(rows, again)).toEqual([]);
    // Rows built both times got the same vector.
    expect(again.filter((v, i) => v !== null && vectors[i] !== null && v !== vectors[i])).toEqual([]);
    expect(pass.built).toBeGreaterThan(rows.length * 0.9);
  });

  it("at the limits: 20,000 characters per field, positions clamped at 16,383, 255 positions per lexeme", async () => {
    const builder = new SearchVectorBuilder(app.db, logger);
    const rows: Pair[] = [
      { prompt: "alpha beta ".repeat(2500), response: "gamma ".repeat(4000) }, // 24,000 and 24,000 characters, cut to 20,000 each
      { prompt: "x ".repeat(12_000), response: "word ".repeat(5000) }, // more than 16,383 positions
      { prompt: "repeat ".repeat(300) + "end", response: "" },
      // A number as its own chunk and inside a cached one ("42," and "42"): still one lexeme, 255 positions.
      { prompt: "abc1. ".repeat(100) + "abc1 ".repeat(200), response: "" },
      { prompt: "x 42, ".repeat(130), response: "42 ".repeat(140) },
      { prompt: "😀 ".repeat(15_000) + "tail-word", response: "日本 ".repeat(12_000) }, // left() counts characters, not UTF-16 units
      { prompt: "", response: "" },
      { prompt: "   \n\t ", response: " the a of " },
    ];
    const vectors = await buildAll(builder, rows);
    expect(vectors.every((v) => v !== null)).toBe(true);
    expect(await mismatches(rows, vectors)).toEqual([]);
  });

  it("falls back to to_tsvector for tags and very long chunks, and when the lookup fails", async () => {
    const builder = new SearchVectorBuilder(app.db, logger);
    const [tag, long, plain] = await builder.build([
      { prompt: "see <a href=\"x y\">the link</a>", response: "ok" },
      { prompt: `blob ${"Qk".repeat(200)}`, response: "ok" },
      { prompt: "plain words only", response: "fine" },
    ]);
    expect(tag).toBeNull();
    expect(long).toBeNull();
    expect(plain).toBe("'plain':1 'word':2 'fine':4");

    const broken = new SearchVectorBuilder({ $queryRawUnsafe: () => Promise.reject(new Error("connection refused")) } as never, logger);
    expect(await broken.build([{ prompt: "words never seen before", response: "id 42abc" }])).toEqual([null]);
    // Chunks that need no lookup still build without the database.
    expect(await broken.build([{ prompt: "", response: "42abc 7" }])).toEqual(["'42abc':1 '7':2"]);
  });

  it("keeps the cache bounded, and starting it over changes no vector", async () => {
    const builder = new SearchVectorBuilder(app.db, logger, { cacheEntries: 100, lookupBudget: 40 });
    const n = FRAGMENTS.length;
    const rows = Array.from({ length: 400 }, (_, i) => ({ prompt: `${FRAGMENTS[i % n]} ${FRAGMENTS[(i * 7) % n]}`, response: `ok ${i}` }));
    const vectors: (string | null)[] = [];
    for (let i = 0; i < rows.length; i += 20) vectors.push(...(await builder.build(rows.slice(i, i + 20))));
    expect(builder.cachedChunks).toBeLessThanOrEqual(100);
    expect(vectors.filter((v) => v !== null).length).toBeGreaterThan(0);
    expect(await mismatches(rows, vectors)).toEqual([]);
  });

  it("cuts fields as left() does: by characters", () => {
    expect(leftChars("abc", 2)).toBe("ab");
    expect(leftChars("😀😀😀", 2)).toBe("😀😀");
    expect(leftChars("a\uD800b", 2)).toBe("a\uD800");
    expect(searchedText("a\u0000b", "c")).toBe("a\uFFFDb c");
  });
});

describe("ingest stores it", () => {
  it("every ingested row's search column is what to_tsvector gives for its stored text, redacted or not", async () => {
    const user = await registerUser({ app, input: { email: uniqueEmail("vector"), password: TEST_PASSWORD } });
    const created = await createProject({ app, userId: user.id, input: { name: "search-vector" } });
    const principal = await authenticateApiKey({ app, key: created.apiKey.key });
    const pairs = [...generated(150, 99), ...corpus(150), { prompt: "my key is AKIAIOSFODNN7EXAMPLQ and sk_live_4eC39HqLyjWDarjtT1zdp7dc", response: "noted" }];
    const { results } = await ingestBatch({ app, principal, records: pairs.map((p) => ({ ...p, model: "gpt-4o", latencyMs: 10, status: "success" as const })) });
    expect(results.every((r) => r.ok)).toBe(true);
    const [row] = await app.db.$queryRawUnsafe<{ total: number; differ: number }[]>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE "search" IS DISTINCT FROM to_tsvector('english', left("prompt", 20000) || ' ' || left("response", 20000)))::int AS differ
       FROM "LlmRequest" WHERE "projectId" = $1::uuid`,
      created.project.id,
    );
    expect(row).toEqual({ total: pairs.length, differ: 0 });
    // The redacted secret is not in the index (the vector was built from the stored, redacted text).
    const [hit] = await app.db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "LlmRequest" WHERE "projectId" = $1::uuid AND "search" @@ to_tsquery('simple', 'sk_live_4ec39hqlyjwdarjtt1zdp7dc | 4ec39hqlyjwdarjtt1zdp7dc')`,
      created.project.id,
    );
    expect(hit!.n).toBe(0);
  });
});
