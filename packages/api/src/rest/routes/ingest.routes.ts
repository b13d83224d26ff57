import { ingestBatch, IngestBatchResultSchema, IngestBatchSchema, ingestRequest, IngestRecordSchema, IngestResultSchema } from "@llmguard/domain";
import { defineRoute } from "../define-route";

const INGEST_TEXT_AND_LIMITS =
  "Limits: records per project per minute come from the project setting `limits.requestsPerMinute` (default 300,000, i.e. 5,000 records a second); " +
  "a batch is admitted or refused whole — refused, it answers 429 RATE_LIMITED with Retry-After and stores nothing; a batch larger than the whole " +
  "per-minute limit answers 413 (send smaller batches). Requests per API key are limited by the server's RATE_LIMIT_API_KEY_PER_MINUTE (default 300,000). " +
  "Text: NUL characters and unpaired UTF-16 surrogates in any string (prompt, response, metadata keys and values) are stored as U+FFFD, never refused.";

/** Ingest of LLM calls from SDKs (project API key with the ingest scope). */
export const ingestRoutes = [
  defineRoute({
    method: "POST", path: "/api/v1/requests", tag: "Ingest", auth: "apiKey", status: 201,
    summary: "Record one LLM call: scored (flagged at or above the project's risk threshold), priced and stored before the answer (a repeated id returns the first result)",
    description: INGEST_TEXT_AND_LIMITS,
    input: IngestRecordSchema, output: IngestResultSchema, bodyLimitBytes: 2 * 1024 * 1024, errors: ["FORBIDDEN", "PAYLOAD_TOO_LARGE", "SERVICE_UNAVAILABLE"],
    handler: async ({ app, apiKey, input }) => {
      const { id, riskScore, riskFactors, flagged, costUsd } = await ingestRequest({ app, principal: apiKey, record: input });
      return { id, riskScore, riskFactors, flagged, costUsd };
    },
  }),
  defineRoute({
    method: "POST", path: "/api/v1/requests/batch", tag: "Ingest", auth: "apiKey",
    summary: "Record up to 500 calls; each record succeeds or fails on its own, results in input order",
    description: INGEST_TEXT_AND_LIMITS,
    input: IngestBatchSchema, output: IngestBatchResultSchema, bodyLimitBytes: 16 * 1024 * 1024, errors: ["FORBIDDEN", "PAYLOAD_TOO_LARGE", "SERVICE_UNAVAILABLE"],
    handler: ({ app, apiKey, input }) => ingestBatch({ app, principal: apiKey, records: input.records }),
  }),
];
