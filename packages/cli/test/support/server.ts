import { afterAll, beforeAll } from "vitest";
import { restClient, serveRest, signUpOverRest } from "@llmguard/api/testing";
import { createTestApp, TEST_PASSWORD } from "@llmguard/domain/testing";
import { Machine, removeMachines, type CliOptions } from "./cli";

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

/**
 * A user logged in through the CLI (one machine, one credentials file) for a whole test file, and
 * `project()` for a fresh project of theirs that the CLI selects through LLMGUARD_PROJECT.
 */
export function useLoggedInUser(server: ReturnType<typeof useServer>, projectName: string) {
  const state = {} as { user: Awaited<ReturnType<typeof signUpOverRest>>; m: Machine };
  beforeAll(async () => {
    state.user = await signUpOverRest(server.call);
    state.m = await Machine.create(server.url);
    await state.m.login(state.user.email, TEST_PASSWORD);
  });
  const project = async () => {
    const created = await server.call("POST", "/api/v1/projects", { token: state.user.token, body: { name: projectName } });
    const projectId = created.body.project.id as string;
    const cli = (argv: string[], opts: CliOptions = {}) => state.m.run(argv, { ...opts, env: { LLMGUARD_PROJECT: projectId, ...opts.env } });
    const put = (env: string, values: Record<string, unknown>) => server.call("PUT", `/api/v1/projects/${projectId}/config/${env}`, { token: state.user.token, body: { values } });
    return { projectId, cli, put };
  };
  return { state, project };
}
