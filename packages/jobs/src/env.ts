import { z } from "zod";

/**
 * The job engine's configuration (ARCHITECTURE decision 4). Nothing set: jobs run inline in the web
 * process. Inngest Cloud, a self-hosted `inngest start` or the dev server: jobs run as Inngest functions.
 * apps/web composes this with the domain's ServerEnv; `.env.example` should document every variable.
 */

/** An unset variable and an empty one (`INNGEST_EVENT_KEY=` in a .env file) mean the same. */
const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());

export const JobsEnvSchema = z.object({
  /** Sends events to Inngest (Cloud, or the key a self-hosted server was started with). */
  INNGEST_EVENT_KEY: optionalString,
  /** Verifies that calls to /api/inngest come from Inngest, and signs this app's calls to it. */
  INNGEST_SIGNING_KEY: optionalString,
  /** The previous signing key while rotating it (the SDK accepts both). */
  INNGEST_SIGNING_KEY_FALLBACK: optionalString,
  /** A self-hosted Inngest server (`inngest start`), e.g. http://inngest:8288. Unset: Inngest Cloud. */
  INNGEST_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https?$/, error: "INNGEST_BASE_URL must be an http(s) URL" }).optional()),
  /**
   * The Inngest dev server: `1`/`true` (at its default http://localhost:8288) or the dev server's URL,
   * as the Inngest SDK reads it. Dev mode turns off request signature verification: never in production.
   */
  INNGEST_DEV: z
    .string()
    .optional()
    .transform((v, ctx): boolean | string => {
      const value = (v ?? "").trim();
      if (value === "" || /^(0|false)$/i.test(value)) return false;
      if (/^(1|true)$/i.test(value)) return true;
      if (z.url({ protocol: /^https?$/ }).safeParse(value).success) return value;
      ctx.addIssue({ code: "custom", message: "INNGEST_DEV must be 1, 0, true, false or the dev server's http(s) URL" });
      return z.NEVER;
    }),
  /** This app's ID in Inngest (function IDs are prefixed with it): keep it stable across deploys. */
  INNGEST_APP_ID: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, "INNGEST_APP_ID must be a kebab-case slug")
      .default("llmguard"),
  ),
});

export type JobsEnv = z.infer<typeof JobsEnvSchema>;

/** Parses the jobs' variables; throws one readable message listing every problem. */
export function loadJobsEnv(source: Record<string, string | undefined> = process.env): JobsEnv {
  const res = JobsEnvSchema.safeParse(source);
  if (!res.success) {
    const lines = res.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  return res.data;
}

export type JobsMode = "inngest" | "inline";

/**
 * Where background work runs. "inngest" with Inngest Cloud (event and signing keys), a self-hosted
 * server (INNGEST_BASE_URL) or the dev server (INNGEST_DEV); otherwise "inline", in this process.
 */
export function jobsMode(env: JobsEnv): JobsMode {
  if (env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY) return "inngest";
  if (env.INNGEST_BASE_URL) return "inngest";
  if (env.INNGEST_DEV !== false) return "inngest";
  return "inline";
}

/** Why an "inngest" or "inline" choice may not be what the operator meant (logged once at start-up). */
export function jobsEnvWarnings(env: JobsEnv): string[] {
  const warnings: string[] = [];
  const mode = jobsMode(env);
  if (mode === "inline" && (env.INNGEST_EVENT_KEY || env.INNGEST_SIGNING_KEY)) {
    warnings.push("Only one of INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY is set: background jobs run inline in this process. Set both to use Inngest Cloud.");
  }
  if (mode === "inngest" && env.INNGEST_DEV === false) {
    if (!env.INNGEST_EVENT_KEY) warnings.push("INNGEST_EVENT_KEY is not set: events cannot be sent to Inngest, so background jobs will not run.");
    if (!env.INNGEST_SIGNING_KEY) warnings.push("INNGEST_SIGNING_KEY is not set: /api/inngest refuses Inngest's calls, so background jobs will not run.");
  }
  return warnings;
}
