import { afterAll, beforeAll } from "vitest";
import { restClient, serveRest } from "@llmguard/api/testing";
import { createTestApp } from "@llmguard/domain/testing";
import { removeMachines } from "./cli";

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The real product for one test file: a fresh migrated database, the REST dispatcher over real HTTP. */
export function useServer() {
  const state = {} as { app: TestApp; url: string; call: ReturnType<typeof restClient>; close: () => Promise<void> };
  beforeAll(async () => {
    state.app = await createTestApp({ RATE_LIMIT_USER_PER_MINUTE: "100000", RATE_LIMIT_API_KEY_PER_MINUTE: "100000" });
    const server = await serveRest(state.app);
    state.url = server.url;
    state.close = server.close;
    state.call = restClient(server.url);
  });
  afterAll(async () => {
    await removeMachines();
    await state.close?.();
    await state.app?.close();
  });
  return state;
}
