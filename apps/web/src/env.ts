import { loadServerEnv, type ServerEnv } from "@llmguard/domain";
import { loadJobsEnv, type JobsEnv } from "@llmguard/jobs";
import { z } from "zod";

/**
 * The web app's environment: the domain's server variables, the job engine's (Inngest) and next-auth's. server.mjs fills in local
 * secrets and defaults before Next starts, so a fresh checkout runs with no .env at all.
 */
const WebEnvSchema = z.object({
  NEXTAUTH_SECRET: z.string({ error: "NEXTAUTH_SECRET is required (32+ characters)" }).min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
});

export type WebEnv = ServerEnv & JobsEnv & z.infer<typeof WebEnvSchema>;

let cached: WebEnv | undefined;

export function webEnv(): WebEnv {
  if (cached) return cached;
  const server = loadServerEnv(process.env);
  const res = WebEnvSchema.safeParse(process.env);
  if (!res.success) {
    throw new Error(`Invalid environment configuration:\n${res.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  const jobs = loadJobsEnv(process.env);
  cached = { ...server, ...jobs, ...res.data };
  return cached;
}
