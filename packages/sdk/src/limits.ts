/**
 * The server's ingest contract as the SDK applies it: the batch size, the text limits and the fields of a
 * record. The source of truth is packages/domain/src/requests/request.schema.ts (`MAX_BATCH_RECORDS`,
 * `TEXT_MAX_CHARS`, `IngestRecordSchema`); the SDK ships without dependencies, so it cannot import them,
 * and test/contract.test.ts pins every value here to the server's schema (STYLE.md §9): a change on
 * either side fails the SDK's tests until the other follows.
 */

/** The server accepts at most this many records per batch request. */
export const MAX_BATCH_SIZE = 500;

/** The server's limit for prompt and response text (characters). */
export const TEXT_MAX_CHARS = 1_000_000;

/** The server's limit for `errorMessage` (characters). */
export const ERROR_MESSAGE_MAX_CHARS = 10_000;

/** The server's limit for `enforcement.reasons` (entries). */
export const ENFORCEMENT_MAX_REASONS = 20;

/** Every field of an ingest record; the server rejects a record with any other. */
export const INGEST_RECORD_FIELDS = [
  "id",
  "prompt",
  "response",
  "model",
  "latencyMs",
  "promptTokens",
  "completionTokens",
  "totalTokens",
  "status",
  "errorMessage",
  "endUserId",
  "endpoint",
  "requestedModel",
  "enforcement",
  "metadata",
  "timestamp",
] as const;

export type IngestRecordField = (typeof INGEST_RECORD_FIELDS)[number];
