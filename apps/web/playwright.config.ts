import { defineConfig } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createDatabaseSync, databaseUrlFor, DEFAULT_TEST_DATABASE_URL, dropDatabaseSync, newDatabaseName } from "./e2e/database";

// E2E_PORT lets a second checkout run its suite while another one is running (the port is fixed otherwise).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
// The Stripe test double (packages/domain/src/billing/testing/stripe-server.ts) beside the app, on a
// port derived from E2E_PORT so parallel checkouts do not collide. The app talks Stripe's protocol to it
// (STRIPE_API_BASE) and it delivers signed webhooks to the app's POST /webhooks/stripe.
const STRIPE_DOUBLE_PORT = PORT + 10;
const stripeDoubleUrl = `http://127.0.0.1:${STRIPE_DOUBLE_PORT}`;
const STRIPE_WEBHOOK_SECRET = "whsec_e2e_playwright_double";
// For e2e/billing.spec.ts, which drives the double's control routes and delivers held-back events itself.
process.env.E2E_STRIPE_DOUBLE_URL = stripeDoubleUrl;
process.env.E2E_STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET;
const isCI = !!process.env.CI;
const adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;

// Playwright starts the webServer before globalSetup runs, so the run's database is created here,
// while the config loads. The config is also loaded by every worker process: they inherit the env
// var and reuse the name instead of creating another database. Commands that never start the
// server (listing, reports) create nothing.
const passive = process.argv.some((a) => ["--list", "show-report", "merge-reports", "install", "--help"].includes(a));
if (!process.env.LLMGUARD_E2E_DATABASE && !passive) {
  const name = newDatabaseName();
  createDatabaseSync(adminUrl, name);
  process.env.LLMGUARD_E2E_DATABASE = name;
  process.env.LLMGUARD_E2E_DATABASE_OWNED = String(process.pid);
  // Safety net for runs that end before globalTeardown (e.g. the webServer fails to start).
  process.once("exit", () => {
    try {
      dropDatabaseSync(adminUrl, name);
    } catch {
      // Already dropped by globalTeardown, or the server is gone; nothing else to do.
    }
  });
}
const databaseName = process.env.LLMGUARD_E2E_DATABASE;
// The server under test must not inherit a developer's CORS settings.
delete process.env.CORS_ORIGINS;

const secret = () => randomBytes(32).toString("base64url");

export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/artifacts",
  globalTeardown: "./e2e/global-teardown.ts",
  fullyParallel: false,
  workers: 1,
  // No retries, on CI either: a retry would hide a flaky journey (issue 15).
  retries: 0,
  forbidOnly: isCI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: isCI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]] : [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      // Started with the domain package's tsx, which also resolves the double's `stripe` import.
      command: "node --import tsx src/billing/testing/stripe-server.cli.ts",
      cwd: "../../packages/domain",
      url: `${stripeDoubleUrl}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      env: {
        STRIPE_DOUBLE_PORT: String(STRIPE_DOUBLE_PORT),
        STRIPE_WEBHOOK_SECRET,
        STRIPE_DOUBLE_WEBHOOK_URL: `http://127.0.0.1:${PORT}/webhooks/stripe`,
      },
    },
    {
      // The production build (`pnpm build` first) on a fresh PostgreSQL database; server.mjs applies
      // the migrations before it listens.
      command: "node server.mjs",
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: {
        NODE_ENV: "production",
        PORT: String(PORT),
        DATABASE_URL: databaseName ? databaseUrlFor(adminUrl, databaseName) : "",
        APP_URL: baseURL,
        NEXTAUTH_URL: baseURL,
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        JWT_SECRET: process.env.JWT_SECRET ?? secret(),
        NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secret(),
        API_KEY_PEPPER: process.env.API_KEY_PEPPER ?? secret(),
        SECRETS_MASTER_KEY: process.env.SECRETS_MASTER_KEY ?? secret(),
        // Billing against the Stripe double (issue 11). Free accounts stay Free; no other spec comes near
        // Free's 10,000 requests a month or its 1,000 records a minute per project.
        STRIPE_SECRET_KEY: "sk_test_e2e",
        STRIPE_WEBHOOK_SECRET,
        STRIPE_API_BASE: stripeDoubleUrl,
        STRIPE_PRICE_PRO: "price_pro_monthly",
        // e2e/gateway.spec.ts points a project's gateway at a local server speaking OpenAI's protocol (issue 13),
        // as an operator running a self-hosted model would.
        GATEWAY_ALLOW_PRIVATE_UPSTREAMS: "1",
      },
    },
  ],
});
