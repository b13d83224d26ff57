import { loginUser, registerUser, type App } from "@llmguard/domain";
import { TEST_PASSWORD, uniqueEmail } from "@llmguard/domain/testing";
import { createCaller } from "../root";

/** A tRPC caller acting as a freshly registered, logged-in user (through the real token check). */
export async function signedInCaller(app: App, name = "user") {
  const email = uniqueEmail(name);
  const { id } = await registerUser({ app, input: { email, password: TEST_PASSWORD, name } });
  const { accessToken } = await loginUser({ app, input: { email, password: TEST_PASSWORD } });
  return { userId: id, email, accessToken, trpc: createCaller({ app, accessToken, ip: "127.0.0.1", userAgent: "vitest" }) };
}

export function anonymousCaller(app: App) {
  return createCaller({ app, accessToken: null, ip: "127.0.0.1", userAgent: "vitest" });
}
