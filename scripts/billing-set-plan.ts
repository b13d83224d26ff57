#!/usr/bin/env -S npx tsx
// `pnpm billing:set-plan`: an operator puts an account on a plan by hand (docs/billing.md), e.g.
// Enterprise with the monthly volume of a contract. Users change plans through Stripe; this is for
// accounts billed outside Stripe and for support. With the embedded default, stop the server first.
import { parseArgs } from "node:util";

const HELP = `Usage: pnpm billing:set-plan --email ADDRESS --plan free|pro|enterprise [--limit N] [--database-url URL]

Sets the account's plan in the database. --limit sets an Enterprise account's monthly requests (default
the plan table's 10,000,000). A later Stripe event for the account's subscription overrides the plan.

Options:
  --email ADDRESS     the account (its owner's e-mail)
  --plan PLAN         free, pro or enterprise
  --limit N           Enterprise only: requests per month
  --database-url URL  PostgreSQL to use (default: $DATABASE_URL, else the embedded database)
Exit codes: 0 done, 1 no such account, 2 usage error.`;

let args;
try {
  args = parseArgs({ options: { email: { type: "string" }, plan: { type: "string" }, limit: { type: "string" }, "database-url": { type: "string" }, help: { type: "boolean", short: "h" } } });
} catch (err) {
  console.error(`${(err as Error).message}\n\n${HELP}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(HELP);
  process.exit(0);
}
const { email, plan, limit } = args.values;
const limitN = limit === undefined ? null : Number(limit);
if (!email || (plan !== "free" && plan !== "pro" && plan !== "enterprise") || (limitN !== null && (!Number.isInteger(limitN) || limitN < 1 || plan !== "enterprise"))) {
  console.error(`--email and --plan free|pro|enterprise are required; --limit is a positive whole number, for enterprise only.\n\n${HELP}`);
  process.exit(2);
}

const { openApp, setPlanByOperator } = await import("../bench/src/seed");
const { app, description } = await openApp({ databaseUrl: args.values["database-url"] });
try {
  const view = await setPlanByOperator({ app, email, plan, monthlyRequests: limitN });
  console.log(`${description}: ${email} is on ${view.plan} — ${view.stored.toLocaleString("en-US")} of ${view.limit.toLocaleString("en-US")} requests used this period (until ${view.periodEnd.toISOString()})`);
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await app.close();
}
