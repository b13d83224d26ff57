import { z } from "zod";
import { resolvePgliteDir } from "@llmguard/db/paths";
import { PROCESS_ENV_PARSERS } from "./process-env.mjs";
import { parseTrustProxy } from "./shared/client-ip";

/**
 * Server configuration, validated once at start-up (requirement 11.3). Unset optional services select
 * the embedded defaults of ARCHITECTURE decision 3. `.env.example` documents every variable.
 */
const secret = (name: string) =>
  z.string({ error: `${name} is required (32+ characters; the server generates a local one in .data/ when unset)` }).min(32, `${name} must be at least 32 characters`);

/** An optional variable read by one of the plain parsers (process-env.mjs), its error as the issue. */
const parsedBy = <T>(parse: (value: string | undefined) => T) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parse(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    });

const csv = z
  .string()
  .optional()
  .transform((s) => (s ?? "").split(",").map((x) => x.trim()).filter(Boolean));

export const ServerEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgresql:// URL" }).optional(),
  /** The embedded database's folder, absolute (default <repo root>/.data/pglite; @llmguard/db/paths). */
  PGLITE_DIR: z.string().optional().transform(resolvePgliteDir),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  APP_URL: z.url().default("http://localhost:3000"),
  JWT_SECRET: secret("JWT_SECRET"),
  API_KEY_PEPPER: secret("API_KEY_PEPPER"),
  /** Derives the key-encryption key that wraps every project's data key (docs/config-secrets.md). */
  SECRETS_MASTER_KEY: secret("SECRETS_MASTER_KEY"),
  /** Earlier master keys, comma-separated: still unwrap data keys until `pnpm secrets:rewrap` moved them. */
  SECRETS_MASTER_KEYS_RETIRED: csv,
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default("LLMGuard <no-reply@llmguard.local>"),
  REDIS_URL: z.string().optional(),
  /** Root-cause analysis (issue 9). Unset key: a project's own OPENAI_API_KEY secret, else the heuristic analysis. */
  OPENAI_API_KEY: z.string().optional().transform((v) => v?.trim() || undefined),
  /** An OpenAI-compatible endpoint (default https://api.openai.com/v1). */
  OPENAI_BASE_URL: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.url({ error: "OPENAI_BASE_URL must be a URL" }).optional()),
  OPENAI_RCA_MODEL: z.string().trim().min(1).default("gpt-4o-mini"),
  /** Per attempt; the analysis retries with backoff, then falls back to the heuristic. */
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  /**
   * Notifications (issue 9): "1" lets notification URLs reach private and loopback addresses (http to
   * loopback only). For development and tests; unset, only public https endpoints are called (SSRF).
   */
  NOTIFICATIONS_ALLOW_PRIVATE_URLS: z
    .enum(["", "0", "1", "false", "true"], { error: "NOTIFICATIONS_ALLOW_PRIVATE_URLS must be 1 or 0" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
  /**
   * Gateway (issue 13): "1" lets projects' gateway.upstream.baseUrl reach loopback, private and link-local
   * addresses (self-hosted models: vLLM, Ollama). Unset, such upstreams are refused (SSRF).
   */
  GATEWAY_ALLOW_PRIVATE_UPSTREAMS: z
    .enum(["", "0", "1", "false", "true"], { error: "GATEWAY_ALLOW_PRIVATE_UPSTREAMS must be 1 or 0" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
  /** Billing (issue 11). Unset: Free only; checkout, portal and plan changes answer 503 BILLING_NOT_CONFIGURED. */
  STRIPE_SECRET_KEY: z.string().optional().transform((v) => v?.trim() || undefined),
  /** Verifies POST /webhooks/stripe (Stripe-Signature); unset, every webhook answers 400. */
  STRIPE_WEBHOOK_SECRET: z.string().optional().transform((v) => v?.trim() || undefined),
  /** The recurring price of Pro (included volume) and, optionally, its metered overage price. */
  STRIPE_PRICE_PRO: z.string().trim().default("price_pro_monthly"),
  STRIPE_PRICE_PRO_OVERAGE: z.string().optional().transform((v) => v?.trim() || undefined),
  /** The price an operator puts Enterprise subscriptions on (plan changes to enterprise use it). */
  STRIPE_PRICE_ENTERPRISE: z.string().optional().transform((v) => v?.trim() || undefined),
  /** The Billing Meter's event name that Pro overage is reported under. */
  STRIPE_METER_EVENT_NAME: z.string().trim().min(1).default("llmguard_requests"),
  /** Another Stripe API host (tests: a local server speaking Stripe's protocol), e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.url({ error: "STRIPE_API_BASE must be a URL" }).optional()),
  CORS_ORIGINS: csv,
  /** Proxies whose X-Forwarded-For is believed (hop count, addresses/CIDRs, loopback, private); default none. */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseTrustProxy(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
  // The Node process's own variables; apps/web/server.mjs validates them with the same parsers at start-up.
  PORT: parsedBy(PROCESS_ENV_PARSERS.PORT),
  HOSTNAME: parsedBy(PROCESS_ENV_PARSERS.HOSTNAME),
  SHUTDOWN_TIMEOUT_MS: parsedBy(PROCESS_ENV_PARSERS.SHUTDOWN_TIMEOUT_MS),
  LOG_LEVEL: parsedBy(PROCESS_ENV_PARSERS.LOG_LEVEL),
  /** Prometheus (docs/observability.md): GET /metrics behind this bearer token, and/or a private port. */
  METRICS_TOKEN: parsedBy(PROCESS_ENV_PARSERS.METRICS_TOKEN),
  METRICS_PORT: parsedBy(PROCESS_ENV_PARSERS.METRICS_PORT),
  METRICS_HOST: parsedBy(PROCESS_ENV_PARSERS.METRICS_HOST),
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Requests per API key per minute (every route an SDK calls): a guard against runaway clients. */
  RATE_LIMIT_API_KEY_PER_MINUTE: z.coerce.number().int().positive().default(300_000),
  LOGIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
});

export type ServerEnv = z.infer<typeof ServerEnvSchema>;

/** Parses the environment; throws one readable message listing every problem. */
export function loadServerEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  const res = ServerEnvSchema.safeParse(source);
  if (!res.success) {
    const lines = res.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}\nSee .env.example.`);
  }
  return res.data;
}
