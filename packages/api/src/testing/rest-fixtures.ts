import { TEST_PASSWORD, uniqueEmail } from "@llmguard/domain/testing";
import type { restClient } from "./serve";

type Call = ReturnType<typeof restClient>;

/** Registers and logs in a user over REST. */
export async function signUpOverRest(call: Call, name = "Ada") {
  const email = uniqueEmail(name.toLowerCase());
  const reg = await call("POST", "/api/v1/auth/register", { body: { email, password: TEST_PASSWORD, name } });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  const login = await call("POST", "/api/v1/auth/login", { body: { email, password: TEST_PASSWORD } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { email, userId: reg.body.id as string, token: login.body.accessToken as string };
}

/** A user with a fresh project (owner) and, optionally, an API key with the given scopes. */
export async function projectOverRest(call: Call, opts: { scopes?: string[]; name?: string } = {}) {
  const user = await signUpOverRest(call);
  const created = await call("POST", "/api/v1/projects", { token: user.token, body: { name: opts.name ?? "Config project" } });
  if (created.status !== 201) throw new Error(`project failed: ${created.status}`);
  const projectId = created.body.project.id as string;
  let apiKey = created.body.apiKey.key as string;
  if (opts.scopes) {
    const k = await call("POST", `/api/v1/projects/${projectId}/api-keys`, { token: user.token, body: { name: "config", scopes: opts.scopes } });
    if (k.status !== 201) throw new Error(`api key failed: ${k.status} ${JSON.stringify(k.body)}`);
    apiKey = k.body.key as string;
  }
  return { ...user, projectId, apiKey, ingestKey: created.body.apiKey.key as string };
}

/** Adds an existing user to a project with a role. */
export async function addMemberOverRest(call: Call, ownerToken: string, projectId: string, email: string, role: "admin" | "developer" | "viewer") {
  const res = await call("POST", `/api/v1/projects/${projectId}/members`, { token: ownerToken, body: { email, role } });
  if (res.status !== 201) throw new Error(`add member failed: ${res.status} ${JSON.stringify(res.body)}`);
}
