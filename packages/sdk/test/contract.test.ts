import { describe, expect, expectTypeOf, it } from "vitest";
import {
  IngestBatchSchema,
  IngestRecordSchema,
  MAX_BATCH_RECORDS,
  REQUEST_STATUSES,
  ReportedEnforcementSchema,
  TEXT_MAX_CHARS as SERVER_TEXT_MAX_CHARS,
  type DeliveredConfig as ServerDeliveredConfig,
  type ErrorBody,
  type IngestBatchResult as ServerBatchResult,
  type IngestRecord as ServerIngestRecord,
  type IngestResult as ServerIngestResult,
} from "@llmguard/domain/schemas";
import { ENFORCEMENT_MAX_REASONS, ERROR_MESSAGE_MAX_CHARS, INGEST_RECORD_FIELDS, MAX_BATCH_SIZE, TEXT_MAX_CHARS, type IngestRecordField } from "../src/limits";
import {
  LLMGuard,
  type ApiErrorBody,
  type BatchRecordResult,
  type DeliveredConfig,
  type Enforcement,
  type FetchLike,
  type IngestRecord,
  type IngestResult,
  type LogRecord,
  type RequestStatus,
} from "../src/index";

/**
 * STYLE.md §9: the SDK ships without dependencies, so it repeats the server's limits and field list
 * (src/limits.ts) and declares the wire types by hand (src/types.ts). This file pins both to the server's
 * own schemas in packages/domain: the values at run time (vitest), the types at compile time (`tsc`, the
 * package's typecheck). A change on either side fails here until the other follows.
 */

/** What the server's schema accepts as input (zod's input type, without importing zod). */
type ServerInput<S extends { _zod: { input: unknown } }> = S["_zod"]["input"];

const valid = { prompt: "p", response: "r", model: "gpt-4o", latencyMs: 1, status: "success" } as const;
const accepts = (over: Record<string, unknown>) => IngestRecordSchema.safeParse({ ...valid, ...over }).success;

describe("the SDK's limits are the server's", () => {
  it("batch size: the SDK's largest batch is the largest the server accepts", () => {
    expect(MAX_BATCH_SIZE).toBe(MAX_BATCH_RECORDS);
    expect(IngestBatchSchema.safeParse({ records: Array.from({ length: MAX_BATCH_SIZE }, () => ({})) }).success).toBe(true);
    expect(IngestBatchSchema.safeParse({ records: Array.from({ length: MAX_BATCH_SIZE + 1 }, () => ({})) }).success).toBe(false);
  });

  it("prompt and response: the wrapper truncates text to exactly the length the server accepts", () => {
    expect(TEXT_MAX_CHARS).toBe(SERVER_TEXT_MAX_CHARS);
    for (const field of ["prompt", "response"]) {
      expect(accepts({ [field]: "x".repeat(TEXT_MAX_CHARS) })).toBe(true);
      expect(accepts({ [field]: "x".repeat(TEXT_MAX_CHARS + 1) })).toBe(false);
    }
  });

  it("errorMessage: the wrapper truncates to exactly the length the server accepts", () => {
    expect(accepts({ errorMessage: "x".repeat(ERROR_MESSAGE_MAX_CHARS) })).toBe(true);
    expect(accepts({ errorMessage: "x".repeat(ERROR_MESSAGE_MAX_CHARS + 1) })).toBe(false);
  });

  it("enforcement: the SDK keeps at most as many reasons as the server accepts", () => {
    const reason = { type: "disable_endpoint", remediationId: "r1", message: "Endpoint /chat is disabled (rule r1)" };
    const reasons = (n: number) => Array.from({ length: n }, () => reason);
    expect(accepts({ status: "blocked", enforcement: { outcome: "blocked", reasons: reasons(ENFORCEMENT_MAX_REASONS) } })).toBe(true);
    expect(accepts({ status: "blocked", enforcement: { outcome: "blocked", reasons: reasons(ENFORCEMENT_MAX_REASONS + 1) } })).toBe(false);
  });

  it("statuses: the SDK's are the server's", () => {
    const sdk: Record<RequestStatus, true> = { success: true, error: true, timeout: true, blocked: true };
    expect(Object.keys(sdk).sort()).toEqual([...REQUEST_STATUSES].sort());
  });

  it("record fields: the SDK sends exactly the fields of the server's (strict) record schema", () => {
    expect([...INGEST_RECORD_FIELDS].sort()).toEqual(Object.keys(IngestRecordSchema.shape).sort());
  });

  it("a record as log() prepares it passes the server's schema unchanged", async () => {
    const sent: unknown[] = [];
    const capture: FetchLike = async (_url, init) => {
      sent.push(...(JSON.parse(init.body!) as { records: unknown[] }).records);
      return { ok: true, status: 200, headers: { get: () => null }, text: async () => JSON.stringify({ results: [] }) };
    };
    const guard = new LLMGuard({ apiKey: "lg_contract", baseUrl: "http://127.0.0.1:9", handleProcessExit: false, fetch: capture, onError: () => {} });
    const everyField: Required<LogRecord> = {
      id: crypto.randomUUID(),
      prompt: "user: hi",
      response: "hello",
      model: "gpt-4o-mini",
      latencyMs: 12.4,
      promptTokens: 3,
      completionTokens: 2,
      totalTokens: 5,
      status: "error",
      errorMessage: "upstream timed out",
      endUserId: "u-1",
      endpoint: "chat",
      requestedModel: "gpt-4o",
      enforcement: { outcome: "modified", reasons: [{ type: "switch_model", remediationId: "r1", message: "Model gpt-4o is replaced by gpt-4o-mini (rule r1)" }] },
      metadata: { plan: "pro" },
      timestamp: new Date("2026-01-02T03:04:05.000Z"),
    };
    guard.log(everyField);
    guard.log({ ...valid, extra: "not a field" } as LogRecord);
    await guard.shutdown();

    expect(sent).toHaveLength(2);
    for (const record of sent) expect(IngestRecordSchema.safeParse(record)).toMatchObject({ success: true });
    expect(Object.keys(sent[0]!).sort()).toEqual(Object.keys(IngestRecordSchema.shape).sort());
  });
});

describe("the SDK's wire types are the server's (checked by tsc)", () => {
  it("a record: the same fields, and what the SDK sends is what the server accepts", () => {
    expectTypeOf<IngestRecordField>().toEqualTypeOf<keyof ServerIngestRecord>();
    expectTypeOf<keyof LogRecord>().toEqualTypeOf<keyof ServerIngestRecord>();
    expectTypeOf<IngestRecord>().toExtend<ServerInput<typeof IngestRecordSchema>>();
    expectTypeOf<Enforcement>().toExtend<ServerInput<typeof ReportedEnforcementSchema>>();
    expectTypeOf<RequestStatus>().toEqualTypeOf<(typeof REQUEST_STATUSES)[number]>();
  });

  it("answers: everything the server returns fits the SDK's types, field for field", () => {
    expectTypeOf<keyof IngestResult>().toEqualTypeOf<keyof ServerIngestResult>();
    expectTypeOf<ServerIngestResult>().toExtend<IngestResult>();
    expectTypeOf<ServerBatchResult["results"][number]>().toExtend<BatchRecordResult>();
    expectTypeOf<keyof DeliveredConfig>().toEqualTypeOf<keyof ServerDeliveredConfig>();
    expectTypeOf<ServerDeliveredConfig>().toExtend<DeliveredConfig>();
    expectTypeOf<ErrorBody["error"]>().toExtend<ApiErrorBody>();
  });
});
