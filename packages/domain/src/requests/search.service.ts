import { Prisma } from "@llmguard/db";
import type { App } from "../app";
import { requireProjectAccess } from "../projects/permissions";
import { DomainError, notFound } from "../shared/errors";
import { safeText } from "../shared/safe-text";
import type { RiskFactor } from "../risk";
import { PREVIEW_CHARS, type LogPage, type LogQuery, type LogResult, type RequestDetail } from "./request.schema";

/**
 * Keyset pagination: each sort orders by a tuple of columns that an index of LlmRequest matches, all in
 * one direction, so "the next page" is a row comparison the index answers without OFFSET.
 */
// Columns are table-qualified: the SELECT list aliases "id"::text AS "id", and an unqualified ORDER BY
// "id" would sort by that text output instead of walking the uuid index.
const SORT_COLUMNS: Record<LogQuery["sortBy"], { cols: string[]; types: ("ts" | "int" | "text" | "uuid")[] }> = {
  timestamp: { cols: ['"LlmRequest"."timestamp"', '"LlmRequest"."id"'], types: ["ts", "uuid"] },
  latency: { cols: ['"LlmRequest"."latencyMs"', '"LlmRequest"."id"'], types: ["int", "uuid"] },
  riskScore: { cols: ['"LlmRequest"."riskScore"', '"LlmRequest"."id"'], types: ["int", "uuid"] },
  model: { cols: ['"LlmRequest"."model"', '"LlmRequest"."timestamp"', '"LlmRequest"."id"'], types: ["text", "ts", "uuid"] },
};

function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

function decodeCursor(cursor: string, types: string[]): (string | number | Date)[] {
  const bad = () => new DomainError("VALIDATION_FAILED", "Invalid cursor", { details: { issues: [{ path: "cursor", message: "Invalid cursor", code: "custom" }] } });
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(values) || values.length !== types.length) throw bad();
  return values.map((v, i) => {
    const t = types[i];
    if (t === "int" && typeof v === "number" && Number.isInteger(v)) return v;
    if ((t === "text" || t === "uuid") && typeof v === "string") return v;
    if (t === "ts" && typeof v === "string" && !Number.isNaN(Date.parse(v))) return new Date(v);
    throw bad();
  });
}

interface Row {
  id: string;
  timestamp: Date;
  model: string;
  status: LogResult["status"];
  latencyMs: number;
  totalTokens: number;
  costUsd: Prisma.Decimal | null;
  riskScore: number;
  flagged: boolean;
  promptPreview: string;
  responsePreview: string;
  endUserId: string | null;
  endpoint: string | null;
  enforcement: LogResult["enforcement"];
  source: LogResult["source"];
}

// ---- full text (issue 8: users search by prefixes of keys, identifiers, error codes and e-mail addresses)

/**
 * Terms with fewer letters and digits than this match whole words only: a one- or two-character prefix
 * expands to a large share of the GIN index's entries (every word starting with "e"), which at millions
 * of rows costs far more than the search is worth.
 */
const MIN_PREFIX_CHARS = 3;
/** Longer terms are cut to this many characters: still a prefix, and far below tsquery's 2,047-byte lexeme limit. */
const MAX_TERM_CHARS = 200;
/** Words and phrases beyond this many are ignored (the schema caps the input at 500 characters anyway). */
const MAX_TERMS = 64;

interface SearchItem {
  text: string;
  phrase: boolean;
  negated: boolean;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);

/**
 * Splits the search box as websearch_to_tsquery did before issue 8: whitespace-separated words,
 * "quoted phrases" (an unclosed quote runs to the end), a leading - to exclude, and OR between
 * alternatives, binding loosest (`a b or c` is `(a AND b) OR c`). Returns OR-groups of AND-ed items.
 */
function parseSearch(input: string): SearchItem[][] {
  // NUL and lone surrogates become U+FFFD, as the adapters store them (ARCHITECTURE decision 13): the
  // driver cannot send NUL, and a lone surrogate is not UTF-8.
  const s = safeText(input);
  const groups: SearchItem[][] = [[]];
  let count = 0;
  let i = 0;
  while (i < s.length && count < MAX_TERMS) {
    while (isSpace(s[i])) i++;
    if (i >= s.length) break;
    let negated = false;
    if (s[i] === "-") {
      negated = true;
      i++;
    }
    let item: SearchItem | null = null;
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      const text = s.slice(i + 1, end === -1 ? s.length : end);
      i = end === -1 ? s.length : end + 1;
      if (text.trim()) item = { text, phrase: true, negated };
    } else {
      let j = i;
      while (j < s.length && !isSpace(s[j]) && s[j] !== '"') j++;
      const word = s.slice(i, j);
      i = j;
      if (!negated && word.toLowerCase() === "or") {
        if (groups[groups.length - 1]!.length > 0) groups.push([]);
        continue;
      }
      if (word) item = { text: Array.from(word).slice(0, MAX_TERM_CHARS).join(""), phrase: false, negated };
    }
    if (item) {
      groups[groups.length - 1]!.push(item);
      count++;
    }
  }
  return groups.filter((g) => g.length > 0);
}

/**
 * One search word as a tsquery. The word reaches to_tsquery as one quoted operand (quotes and
 * backslashes escaped), so no character of it is read as a tsquery operator, and the 'english' parser
 * and stemmer normalise it as they normalised the stored text. From MIN_PREFIX_CHARS on it matches as a
 * prefix, in two forms OR-ed together:
 * - stemmed: `invoice` becomes 'invoic':* and finds "invoices"; `ECONNRE` becomes 'econnr':*;
 * - as typed, lowercased, as one lexeme: `bob@exam` finds the e-mail lexeme 'bob@example.com' (the
 *   parser splits the fragment into 'bob' <-> 'exam'), and `query` finds 'queryfailederror', which
 *   the stemmed 'queri':* misses.
 * A word the stemmer drops (a stop word such as "the" or "my") is dropped whole, as before: the stored
 * vector has no lexeme for it, so its as-typed form would demand a word that is never there. When the
 * stemmed form is one prefix that the as-typed form starts with ('akia' for AKIA, 'invoic' for invoice),
 * the as-typed form adds no match and is left out, so the planner's row estimate is not doubled.
 * Everything here is immutable, so PostgreSQL folds it into one tsquery constant while planning.
 */
function termQuery(term: string): Prisma.Sql {
  const quoted = term.replaceAll("\\", "\\\\").replaceAll("'", "''");
  if (term.replace(/[^\p{L}\p{N}]/gu, "").length < MIN_PREFIX_CHARS) return Prisma.sql`to_tsquery('english', ${`'${quoted}'`}::text)`;
  const stemmed = Prisma.sql`to_tsquery('english', ${`'${quoted}':*`}::text)`;
  // lower() lowercases as the simple dictionary does (the database's rules); escaping commutes with it.
  const asTyped = Prisma.sql`('''' || lower(${quoted}::text) || ''':*')::tsquery`;
  // Both print as 'lexeme':* with the same escaping; left(…, -3) drops the closing ':*.
  const implied = Prisma.sql`numnode(${stemmed}) = 1 AND starts_with(left(${asTyped}::text, -3), left(${stemmed}::text, -3))`;
  return Prisma.sql`(CASE WHEN numnode(${stemmed}) = 0 OR ${implied} THEN ${stemmed} ELSE ${stemmed} || ${asTyped} END)`;
}

/**
 * The tsquery for a search box, or null when it holds no word or phrase at all. Unquoted words match
 * as prefixes (`AKIA` finds AKIAIOSFODNN7EXAMPLE), "quoted phrases" match whole words in order as
 * before, -word and -"phrase" exclude, OR separates alternatives. No input raises a tsquery syntax
 * error; text with nothing searchable in it (operators, punctuation, stop words) gives an empty tsquery,
 * which matches nothing.
 */
export function searchTsquery(search: string): Prisma.Sql | null {
  const groups = parseSearch(search);
  if (groups.length === 0) return null;
  const item = (it: SearchItem) => {
    const q = it.phrase ? Prisma.sql`phraseto_tsquery('english', ${it.text}::text)` : termQuery(it.text);
    return it.negated ? Prisma.sql`(!! ${q})` : q;
  };
  const alternatives = groups.map((g) => Prisma.sql`(${Prisma.join(g.map(item), " && ")})`);
  return Prisma.sql`(${Prisma.join(alternatives, " || ")})`;
}

/** `"search" @@ <tsquery>`, a condition the GIN index on "LlmRequest"."search" answers. */
export function textSearchCondition(search: string): Prisma.Sql {
  const q = searchTsquery(search);
  return q ? Prisma.sql`"search" @@ ${q}` : Prisma.sql`FALSE`;
}

/**
 * Requirement 7: filtered, sorted, keyset-paginated search of a project's requests. Full text goes
 * through the GIN-indexed tsvector (`searchTsquery`: prefixes, "phrases", -exclusions, OR).
 */
export async function searchRequests(params: { app: App; userId: string; query: LogQuery }): Promise<LogPage> {
  const { app, query: q } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: q.projectId, action: "project.read" });
  const sort = SORT_COLUMNS[q.sortBy];
  const dir = q.sortOrder === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const where: Prisma.Sql[] = [Prisma.sql`"projectId" = ${q.projectId}::uuid`];
  if (q.search) where.push(textSearchCondition(q.search));
  if (q.model) where.push(Prisma.sql`"model" = ${q.model}`);
  if (q.status) where.push(Prisma.sql`"status" = ${q.status}::"RequestStatus"`);
  if (q.endUserId) where.push(Prisma.sql`"endUserId" = ${q.endUserId}`);
  if (q.endpoint) where.push(Prisma.sql`"endpoint" = ${q.endpoint}`);
  if (q.enforcement) where.push(Prisma.sql`"enforcement" = ${q.enforcement}`);
  if (q.source) where.push(Prisma.sql`"source" = ${q.source}`);
  if (q.minRiskScore !== undefined) where.push(Prisma.sql`"riskScore" >= ${q.minRiskScore}`);
  if (q.maxRiskScore !== undefined) where.push(Prisma.sql`"riskScore" <= ${q.maxRiskScore}`);
  if (q.startDate) where.push(Prisma.sql`"timestamp" >= ${q.startDate}`);
  if (q.endDate) where.push(Prisma.sql`"timestamp" <= ${q.endDate}`);
  if (q.cursor) {
    const values = decodeCursor(q.cursor, sort.types);
    const tuple = Prisma.join(
      values.map((v, i) => (sort.types[i] === "uuid" ? Prisma.sql`${v}::uuid` : sort.types[i] === "ts" ? Prisma.sql`${v}::timestamptz` : Prisma.sql`${v}`)),
    );
    const cols = Prisma.raw(sort.cols.join(", "));
    where.push(q.sortOrder === "asc" ? Prisma.sql`(${cols}) > (${tuple})` : Prisma.sql`(${cols}) < (${tuple})`);
  }
  const orderBy = Prisma.join(sort.cols.map((c) => Prisma.sql`${Prisma.raw(c)} ${dir}`));
  const rows = await app.db.$queryRaw<Row[]>`
    SELECT "id"::text AS "id", "timestamp", "model", "status"::text AS "status", "latencyMs", "totalTokens", "costUsd", "riskScore", "flagged",
           left("prompt", ${PREVIEW_CHARS}) AS "promptPreview", left("response", ${PREVIEW_CHARS}) AS "responsePreview", "endUserId", "endpoint", "enforcement", "source"
    FROM "LlmRequest"
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${orderBy}
    LIMIT ${q.limit + 1}`;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > q.limit && last
      ? encodeCursor(
          q.sortBy === "timestamp"
            ? [last.timestamp.toISOString(), last.id]
            : q.sortBy === "latency"
              ? [last.latencyMs, last.id]
              : q.sortBy === "riskScore"
                ? [last.riskScore, last.id]
                : [last.model, last.timestamp.toISOString(), last.id],
        )
      : null;
  return { items: page.map((r) => ({ ...r, costUsd: r.costUsd === null ? null : Number(r.costUsd) })), nextCursor };
}

/** One request with its full text and risk factors. */
export async function getRequest(params: { app: App; userId: string; projectId: string; id: string }): Promise<RequestDetail> {
  const { app } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: params.projectId, action: "project.read" });
  const r = await app.db.llmRequest.findUnique({
    where: { projectId_id: { projectId: params.projectId, id: params.id } },
    omit: { apiKeyId: true },
  });
  if (!r) throw notFound("Request");
  return {
    id: r.id,
    timestamp: r.timestamp,
    receivedAt: r.receivedAt,
    model: r.model,
    status: r.status,
    latencyMs: r.latencyMs,
    promptTokens: r.promptTokens,
    completionTokens: r.completionTokens,
    totalTokens: r.totalTokens,
    costUsd: r.costUsd === null ? null : Number(r.costUsd),
    riskScore: r.riskScore,
    riskFactors: r.riskFactors as unknown as RiskFactor[],
    flagged: r.flagged,
    prompt: r.prompt,
    response: r.response,
    errorMessage: r.errorMessage,
    endUserId: r.endUserId,
    endpoint: r.endpoint,
    metadata: (r.metadata as Record<string, unknown> | null) ?? null,
    enforcement: r.enforcement as RequestDetail["enforcement"],
    source: r.source as RequestDetail["source"],
    requestedModel: r.requestedModel,
    enforcementReasons: (r.enforcementReasons as RequestDetail["enforcementReasons"] | null) ?? [],
  };
}
