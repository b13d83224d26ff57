import { afterEach, beforeEach } from "vitest";
import { LLMGuard, LLMGuardError, type LLMGuardOptions } from "../../src/index";
import { startFaultProxy, type FaultProxy } from "./fault-proxy";
import { useIngestServer, type IngestProject } from "./ingest-server";

/**
 * Per-test set-up shared by the SDK's ingest suites: the real ingest route (one server and database per
 * file), a fresh project and API key per test, a fault-injecting proxy in front of the server (clients
 * talk to the proxy: it records every request and injects the failures a test asks for), clients with no
 * exit hooks and a long flush interval (tests flush explicitly), their reported errors, and shutdown
 * after each test. Call once at the top level of a test file.
 */
export function useGuardHarness(defaults: Partial<LLMGuardOptions> = {}) {
  const server = useIngestServer();
  const h = {
    server,
    proxy: undefined as unknown as FaultProxy,
    project: undefined as unknown as IngestProject,
    errors: [] as LLMGuardError[],
    guards: [] as LLMGuard[],
    /** This test's project's API key (ingest scope). */
    get apiKey(): string {
      return h.project.apiKey;
    },
    /** What the server stored for this test, by latency. */
    rows: () => h.project.rows(),
    guard(over: Partial<LLMGuardOptions> = {}): LLMGuard {
      const g = new LLMGuard({
        apiKey: h.project.apiKey,
        baseUrl: h.proxy.url,
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
    h.project = await server.newProject();
    h.proxy = await startFaultProxy(server.url);
    h.errors = [];
    h.guards = [];
  });
  afterEach(async () => {
    await Promise.all(h.guards.map((g) => g.shutdown({ timeoutMs: 1_000 })));
    await h.proxy.close();
  });
  return h;
}
