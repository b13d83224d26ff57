/**
 * Runs the Stripe test double as its own process, for Playwright's webServer list:
 *
 *   tsx packages/domain/src/billing/testing/stripe-server.cli.ts
 *
 * STRIPE_DOUBLE_PORT          port on 127.0.0.1 (default 12111; 0 = any free port)
 * STRIPE_WEBHOOK_SECRET       the whsec_… secret events are signed with (the app verifies with the same one)
 * STRIPE_DOUBLE_WEBHOOK_URL   where events are POSTed, e.g. http://localhost:3100/webhooks/stripe (unset: not delivered)
 * STRIPE_DOUBLE_PUBLIC_URL    origin of the hosted pages' URLs, if browsers reach the double by another name
 *
 * Prints one line, "stripe-double ready on http://127.0.0.1:<port>", once it listens; GET /health answers 200.
 * A test in another process drives it through the /_double/* control routes (see stripe-server.ts).
 */
import { startStripeDouble } from "./stripe-server";

// This entry is a test fixture started by Playwright, not product configuration (STYLE.md §6 covers env.ts).
// eslint-disable-next-line no-restricted-properties
const env = process.env;

function parsePort(value: string | undefined): number {
  if (value === undefined || value === "") return 12111;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) throw new Error(`STRIPE_DOUBLE_PORT must be an integer between 0 and 65535 (got "${value}")`);
  return Number(value);
}

const double = await startStripeDouble({
  port: parsePort(env.STRIPE_DOUBLE_PORT),
  webhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
  webhookUrl: env.STRIPE_DOUBLE_WEBHOOK_URL || null,
  publicUrl: env.STRIPE_DOUBLE_PUBLIC_URL || undefined,
});

console.log(`stripe-double ready on ${double.url}${double.webhookUrl ? ` (webhooks to ${double.webhookUrl})` : ""}`);

const stop = () => {
  void double.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
