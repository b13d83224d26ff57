import { afterAll, beforeAll } from "vitest";
import { serveRest } from "@llmguard/api/testing";
import { createProject, registerUser } from "@llmguard/domain";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "@llmguard/domain/testing";

/**
 * The real ingest route for one test file: an App on a fresh, migrated PostgreSQL database, served over
 * HTTP by the REST dispatcher (as apps/web/server.mjs serves /api/v1), and one user who owns the
 * projects the tests create. Call once at the top level of a test file.
 */
export function useIngestServer() {
  const state = {} as { app: Awaited<ReturnType<typeof createTestApp>>; server: { url: string; close: () => Promise<void> }; userId: string };
  beforeAll(async () => {
    state.app = await createTestApp({ RATE_LIMIT_API_KEY_PER_MINUTE: "100000" });
    state.server = await serveRest(state.app);
    state.userId = (await registerUser({ app: state.app, input: { email: uniqueEmail("sdk-ingest"), password: TEST_PASSWORD } })).id;
  });
  afterAll(async () => {
    await state.server?.close();
    await state.app?.close();
  });
  return {
    get url() {
      return state.server.url;
    },
    get app() {
      return state.app;
    },
    /** A fresh project with its first API key (scope ingest), and what is stored in it. */
    async newProject() {
      const created = await createProject({ app: state.app, userId: state.userId, input: { name: "sdk ingest" } });
      const projectId = created.project.id;
      return {
        projectId,
        apiKey: created.apiKey.key,
        /** The project's stored requests, by latency (tests give records distinct latencies where order matters). */
        rows: () => state.app.db.llmRequest.findMany({ where: { projectId }, orderBy: [{ latencyMs: "asc" }, { id: "asc" }] }),
      };
    },
  };
}

export type IngestServer = ReturnType<typeof useIngestServer>;
export type IngestProject = Awaited<ReturnType<IngestServer["newProject"]>>;
