import { afterEach, beforeEach } from "vitest";
import { LLMGuard, LLMGuardError, type LLMGuardOptions } from "../../src/index";
import { startIngestDouble, type IngestDouble } from "./ingest-double";

/**
 * Per-test set-up shared by the unit suites: a fresh ingest double, clients pointed at it (no exit
 * hooks, a long flush interval so tests flush explicitly), their reported errors, and shutdown after
 * each test. Call once at the top level of a test file.
 */
export function useGuardHarness(defaults: Partial<LLMGuardOptions> = {}) {
  const h = {
    ingest: undefined as unknown as IngestDouble,
    errors: [] as LLMGuardError[],
    guards: [] as LLMGuard[],
    guard(over: Partial<LLMGuardOptions> = {}): LLMGuard {
      const g = new LLMGuard({
        apiKey: h.ingest.apiKey,
        baseUrl: h.ingest.url,
        flushIntervalMs: 60_000,
        handleProcessExit: false,
        onError: (e) => h.errors.push(e),
        ...defaults,
        ...over,
      });
      h.guards.push(g);
      return g;
    },
  };
  beforeEach(async () => {
    h.ingest = await startIngestDouble();
    h.errors = [];
    h.guards = [];
  });
  afterEach(async () => {
    await Promise.all(h.guards.map((g) => g.shutdown({ timeoutMs: 1_000 })));
    await h.ingest.close();
  });
  return h;
}
