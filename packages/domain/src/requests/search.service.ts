import { Prisma } from "@llmguard/db";
import type { App } from "../app";
import { requireProjectAccess } from "../projects/permissions";
import { DomainError, notFound } from "../shared/errors";
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
}

/**
 * Requirement 7: filtered, sorted, keyset-paginated search of a project's requests. Full text goes
 * through the GIN-indexed tsvector (websearch syntax: words, "phrases", -exclusions, OR).
 */
export async function searchRequests(params: { app: App; userId: string; query: LogQuery }): Promise<LogPage> {
  const { app, query: q } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId: q.projectId, action: "project.read" });
  const sort = SORT_COLUMNS[q.sortBy];
  const dir = q.sortOrder === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const where: Prisma.Sql[] = [Prisma.sql`"projectId" = ${q.projectId}::uuid`];
  if (q.search) where.push(Prisma.sql`"search" @@ websearch_to_tsquery('english', ${q.search})`);
  if (q.model) where.push(Prisma.sql`"model" = ${q.model}`);
  if (q.status) where.push(Prisma.sql`"status" = ${q.status}::"RequestStatus"`);
  if (q.endUserId) where.push(Prisma.sql`"endUserId" = ${q.endUserId}`);
  if (q.endpoint) where.push(Prisma.sql`"endpoint" = ${q.endpoint}`);
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
           left("prompt", ${PREVIEW_CHARS}) AS "promptPreview", left("response", ${PREVIEW_CHARS}) AS "responsePreview", "endUserId", "endpoint"
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
  };
}
