import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@llmguard/db";
import { authenticateApiKey } from "../api-keys/api-key.service";
import { registerUser } from "../auth/auth.service";
import { createProject } from "../projects/project.service";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "../testing";
import { ingestBatch } from "./ingest.service";
import { LogQuerySchema } from "./request.schema";
import { searchRequests, searchTsquery, textSearchCondition } from "./search.service";

// Issue 8: searching for `AKIA` found nothing while `AKIAIOSFODNN7EXAMPLE` found the records. Search
// terms now match as prefixes of the stored words, through the same GIN-indexed tsvector, and no user
// text can produce a tsquery syntax error.

let app: Awaited<ReturnType<typeof createTestApp>>;
let userId: string;
let projectId: string;

// Each record is named; expectations below are written as literal lists of these names.
const RECORDS = {
  awsKey: { prompt: "Here is my AWS key AKIAIOSFODNN7EXAMPLE, please rotate it", response: "Done." },
  invoices: { prompt: "Please translate the invoices into French", response: "Voici les factures." },
  econn: { prompt: "Why does the worker crash?", response: "connect ECONNREFUSED 10.0.0.7:5432 while opening the pool" },
  bobMail: { prompt: "Forward the summary to bob@example.com today", response: "Sent." },
  bobbyMail: { prompt: "Copy bobby@example.org on the thread", response: "Copied." },
  router: { prompt: "How do I reset my router password?", response: "Hold the button for ten seconds." },
  queryError: { prompt: "The job failed", response: "QueryFailedError: relation does not exist" },
  weather: { prompt: "What is the weather in Paris?", response: "Sunny and mild." },
} as const;
type Name = keyof typeof RECORDS;
const idOf = {} as Record<Name, string>;
const nameOf = new Map<string, Name>();

beforeAll(async () => {
  app = await createTestApp();
  const user = await registerUser({ app, input: { email: uniqueEmail("search"), password: TEST_PASSWORD } });
  userId = user.id;
  const created = await createProject({ app, userId, input: { name: "search-prefix" } });
  projectId = created.project.id;
  const principal = await authenticateApiKey({ app, key: created.apiKey.key });
  const names = Object.keys(RECORDS) as Name[];
  const { results } = await ingestBatch({
    app,
    principal,
    records: names.map((n) => ({ ...RECORDS[n], model: "gpt-4o", latencyMs: 100, status: "success" })),
  });
  results.forEach((r, i) => {
    if (!r.ok) throw new Error(`record ${names[i]} was not stored: ${JSON.stringify(r.error)}`);
    idOf[names[i]!] = r.id;
    nameOf.set(r.id, names[i]!);
  });
});
afterAll(async () => app?.close());

/** The names of the records a search finds, sorted, through the schema the adapters parse with. */
async function find(search: string): Promise<Name[]> {
  const query = LogQuerySchema.parse({ projectId, search, limit: 100 });
  return names((await searchRequests({ app, userId, query })).items);
}
/** The same, past the schema (no trim, no 500-character cap): the service must hold on its own. */
async function findRaw(search: string): Promise<Name[]> {
  const query = { ...LogQuerySchema.parse({ projectId, limit: 100 }), search };
  return names((await searchRequests({ app, userId, query })).items);
}
function names(items: { id: string }[]): Name[] {
  return items.map((r) => nameOf.get(r.id) ?? (r.id as Name)).sort();
}

describe("prefix search", () => {
  it.each([
    ["AKIA", ["awsKey"]],
    ["akiaios", ["awsKey"]],
    ["AKIAIOSFODNN7EX", ["awsKey"]],
    ["AKIAIOSFODNN7EXAMPLE", ["awsKey"]],
  ] as const)("finds an access key by the prefix %s", async (search, expected) => {
    expect(await find(search)).toEqual(expected);
  });

  it.each([
    ["invoi", ["invoices"]],
    ["invoic", ["invoices"]],
    ["invoice", ["invoices"]],
    ["invoices", ["invoices"]],
    ["transl", ["invoices"]],
    ["Rout", ["router"]],
  ] as const)("finds a normal word by the prefix %s (stemmed like the stored text)", async (search, expected) => {
    expect(await find(search)).toEqual(expected);
  });

  it.each([
    ["ECONNRE", ["econn"]],
    ["econnref", ["econn"]],
    ["ECONNREFUSED", ["econn"]],
    // the stemmed form of "query" is 'queri', not a prefix of 'queryfailederror'; the as-typed form is
    ["query", ["queryError"]],
    ["QueryFail", ["queryError"]],
  ] as const)("finds an error code by the prefix %s", async (search, expected) => {
    expect(await find(search)).toEqual(expected);
  });

  it.each([
    ["bob@exam", ["bobMail"]],
    ["bob@example.c", ["bobMail"]],
    ["bob@example.com", ["bobMail"]],
    ["BOB@EXAMPLE", ["bobMail"]],
    ["bob", ["bobMail", "bobbyMail"]],
    ["bobby@", ["bobbyMail"]],
  ] as const)("finds an e-mail address by the prefix %s", async (search, expected) => {
    expect(await find(search)).toEqual(expected);
  });

  it.each([
    ["AKIB", []],
    ["AKIAIOSFODNN7EXAMPLEX", []],
    ["ECONNRESET", []],
    ["bob@examplf", []],
    ["invoicz", []],
    ["weatherman", []],
    // below three characters a term is a whole word, not a prefix (cost on the GIN index)
    ["AK", []],
  ] as const)("does not find %s, which is no prefix of any stored word", async (search, expected) => {
    expect(await find(search)).toEqual(expected);
  });
});

describe("query syntax", () => {
  it("ANDs the words, each a prefix, and ignores stop words as before", async () => {
    expect(await find("rout passw")).toEqual(["router"]);
    expect(await find("reset my router")).toEqual(["router"]);
    expect(await find("hold the button")).toEqual(["router"]);
    expect(await find("rout invoi")).toEqual([]);
  });

  it("keeps quoted phrases as whole words in order", async () => {
    expect(await find('"router password"')).toEqual(["router"]);
    expect(await find('"password router"')).toEqual([]);
    expect(await find('"AKIA"')).toEqual([]);
    expect(await find('"rout"')).toEqual([]);
  });

  it("excludes with a leading minus and takes OR between alternatives", async () => {
    expect(await find("bob -bobby")).toEqual(["bobMail"]);
    expect(await find('pass -"reset my router"')).toEqual([]);
    expect(await find("AKIA or ECONNRE")).toEqual(["awsKey", "econn"]);
    expect(await find("rout passw OR invoi")).toEqual(["invoices", "router"]);
  });
});

describe("any input is safe", () => {
  it.each([
    // tsquery operators around a real word do not change its meaning
    ["AKIA:*", ["awsKey"]],
    ["AKIA&", ["awsKey"]],
    ["(AKIA)", ["awsKey"]],
    ["'AKIA'", ["awsKey"]],
    ["!router", ["router"]],
    ["router & password", ["router"]],
    ["router <-> password", ["router"]],
    ["akia\\", ["awsKey"]],
    ["akia'", ["awsKey"]],
    ["AKIA'||'x", []],
    // nothing searchable: no error, no rows
    ["&|!():*<>\\", []],
    ["'", []],
    ["''", []],
    ["\\", []],
    ["\\'", []],
    [":*", []],
    ["<->", []],
    ["!!", []],
    ["(", []],
    ['"', []],
    ['""', []],
    ["-", []],
    ["- -", []],
    ["or", []],
    ["or or", []],
    ["the", []],
    ["-the", []],
    ["\u0000", []],
    ["\uD800", []],
    ["😀😀😀", []],
    ['"unterminated & phrase', []],
    ["x".repeat(500), []],
    ["&|!():*<>\\'\" ".repeat(50).slice(0, 500), []],
    ["akia ".repeat(100), ["awsKey"]],
  ] as const)("searching %j answers without an error", async (search, expected) => {
    expect(await find(search)).toEqual(expected);
  });

  it("holds past the schema too: NUL bytes, lone surrogates, and words longer than a tsquery lexeme may be", async () => {
    expect(await findRaw("AKIA\u0000")).toEqual(["awsKey"]);
    expect(await findRaw("\uDC00AKIA")).toEqual(["awsKey"]);
    expect(await findRaw("  AKIA  ")).toEqual(["awsKey"]);
    expect(await findRaw("a".repeat(5000))).toEqual([]);
    expect(await findRaw("akia_".repeat(600))).toEqual([]);
    expect(await findRaw("é".repeat(3000))).toEqual([]);
    expect(await findRaw(`"${"router ".repeat(2000)}"`)).toEqual([]);
    expect(await findRaw("rout ".repeat(2000))).toEqual(["router"]);
  });
});

describe("index", () => {
  it.each(["AKIA", "bob@exam", 'rout -"reset my" OR invoi', "-weather", "AK"])("can answer %j from the GIN index", async (search) => {
    // Eight rows are too few for the planner to prefer the index on its own; forbidding the sequential
    // scan shows that the condition is one the GIN index serves (as search-metrics.int.test.ts does).
    const plan = await app.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN SELECT "id" FROM "LlmRequest" WHERE ${textSearchCondition(search)}`);
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toMatch(/Bitmap Index Scan on "?LlmRequest_search_idx/);
    // folded into one tsquery constant while planning, so row estimates see the actual lexemes
    expect(plan).toMatch(/Index Cond: \(search @@ '[^\n]*'::tsquery\)/);
  });

  it("folds each word into the smallest tsquery: the as-typed prefix only where it adds matches", async () => {
    const folded = async (search: string) => {
      const [row] = await app.db.$queryRaw<{ q: string }[]>(Prisma.sql`SELECT (${searchTsquery(search)})::text AS q`);
      return row!.q;
    };
    expect(await folded("AKIA")).toBe("'akia':*");
    expect(await folded("Invoice")).toBe("'invoic':*");
    expect(await folded("query")).toBe("'queri':* | 'query':*");
    expect(await folded("bob@exam")).toBe("'bob':* <-> 'exam':* | 'bob@exam':*");
    expect(await folded("hold the button")).toBe("'hold':* & 'button':*");
    expect(await folded("x:*")).toBe("'x'");
    expect(await folded('AK -"router password" or rout')).toBe("'ak' & !( 'router' <-> 'password' ) | 'rout':*");
    expect(searchTsquery('"" - or')).toBeNull();
  });
});
