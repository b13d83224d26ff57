import type pg from "pg";

/**
 * EXPLAIN (ANALYZE, BUFFERS) of representative searches, with the SQL shape of searchRequests
 * (packages/domain/src/requests/search.service.ts), and of the rollup read behind the metrics endpoint:
 * how much of each HTTP figure is database time.
 */
export async function explainQueries(c: pg.Client, projectId: string, weekAgo: string): Promise<string> {
  const select = `SELECT "id"::text AS "id", "timestamp", "model", "status"::text AS "status", "latencyMs", "totalTokens", "costUsd", "riskScore", "flagged",
       left("prompt", 200) AS "promptPreview", left("response", 200) AS "responsePreview", "endUserId", "endpoint"
FROM "LlmRequest"`;
  const cases: { title: string; where: string; order: string; params: unknown[] }[] = [
    { title: 'search "refund" + model=gpt-4o, by timestamp desc', where: `"projectId" = $1::uuid AND "search" @@ websearch_to_tsquery('english', $2) AND "model" = $3`, order: `"timestamp" DESC, "id" DESC`, params: [projectId, "refund", "gpt-4o"] },
    { title: 'search "password" + minRiskScore=30, by riskScore desc', where: `"projectId" = $1::uuid AND "search" @@ websearch_to_tsquery('english', $2) AND "riskScore" >= $3`, order: `"riskScore" DESC, "id" DESC`, params: [projectId, "password", 30] },
    { title: 'search "ignore previous instructions" + minRiskScore=50, by riskScore desc', where: `"projectId" = $1::uuid AND "search" @@ websearch_to_tsquery('english', $2) AND "riskScore" >= $3`, order: `"riskScore" DESC, "id" DESC`, params: [projectId, "ignore previous instructions", 50] },
    { title: "minRiskScore=70, by riskScore desc", where: `"projectId" = $1::uuid AND "riskScore" >= $2`, order: `"riskScore" DESC, "id" DESC`, params: [projectId, 70] },
    { title: "all, by latency desc", where: `"projectId" = $1::uuid`, order: `"latencyMs" DESC, "id" DESC`, params: [projectId] },
    { title: 'search "invoice", by timestamp desc', where: `"projectId" = $1::uuid AND "search" @@ websearch_to_tsquery('english', $2)`, order: `"timestamp" DESC, "id" DESC`, params: [projectId, "invoice"] },
    { title: 'search "refund" + last 7 days, by timestamp desc', where: `"projectId" = $1::uuid AND "search" @@ websearch_to_tsquery('english', $2) AND "timestamp" >= $3`, order: `"timestamp" DESC, "id" DESC`, params: [projectId, "refund", weekAgo] },
    { title: 'search "revenue quarter" + model=gpt-4o-mini, by riskScore desc', where: `"projectId" = $1::uuid AND "search" @@ websearch_to_tsquery('english', $2) AND "model" = $3`, order: `"riskScore" DESC, "id" DESC`, params: [projectId, "revenue quarter", "gpt-4o-mini"] },
    { title: "endpoint=sql-assistant + status=error, by timestamp desc", where: `"projectId" = $1::uuid AND "endpoint" = $2 AND "status" = $3::"RequestStatus"`, order: `"timestamp" DESC, "id" DESC`, params: [projectId, "sql-assistant", "error"] },
  ];
  const out: string[] = ["EXPLAIN (ANALYZE, BUFFERS) of search shapes, same SQL as searchRequests, limit 50 (+1), run after the HTTP measurements.", ""];
  for (const k of cases) {
    const sql = `EXPLAIN (ANALYZE, BUFFERS) ${select}\nWHERE ${k.where}\nORDER BY ${k.order}\nLIMIT 51`;
    try {
      const res = await c.query<{ "QUERY PLAN": string }>(sql, k.params);
      out.push(`=== ${k.title}`, ...res.rows.map((r) => r["QUERY PLAN"]), "");
    } catch (err) {
      out.push(`=== ${k.title}`, `failed: ${String(err)}`, "");
    }
  }
  const since = new Date(Date.now() - 30 * 86_400_000);
  since.setUTCMinutes(0, 0, 0);
  try {
    const res = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM "RequestRollupHourly" WHERE "projectId" = $1::uuid AND "hour" >= $2 AND "hour" <= now()`, [projectId, since.toISOString()]);
    out.push("=== metrics: the rollup rows getProjectMetrics reads (30 days, all models)", ...res.rows.map((r) => r["QUERY PLAN"]), "");
  } catch (err) {
    out.push("=== metrics rollup read", `failed: ${String(err)}`, "");
  }
  return out.join("\n");
}
