#!/usr/bin/env -S npx tsx
// `pnpm secrets:rewrap`: the second half of a key-encryption-key rotation (docs/config-secrets.md).
// 1. Set SECRETS_MASTER_KEY to the new master key and add the old one to SECRETS_MASTER_KEYS_RETIRED
//    (comma-separated) on every instance; restart them (they read both).
// 2. Run this: every project's data key is re-wrapped with the new key. Secrets are not re-encrypted.
// 3. When it reports no failures, remove the old key from SECRETS_MASTER_KEYS_RETIRED.
// With the embedded default, stop the server first (PGlite allows one process per data folder).
import { parseArgs } from "node:util";

const HELP = `Usage: pnpm secrets:rewrap [--database-url URL] [--dry-run] [--json]

Re-wraps every project's data key with the current key-encryption key (SECRETS_MASTER_KEY), unwrapping
with SECRETS_MASTER_KEYS_RETIRED where needed. Secrets themselves are not re-encrypted.

Options:
  --database-url URL  PostgreSQL to use (default: $DATABASE_URL, else the embedded database)
  --dry-run           only count the data keys that are not under the current key
  --json              print the result as JSON
Exit codes: 0 done (or nothing to do), 1 some data keys could not be re-wrapped, 2 usage error.`;

let args;
try {
  args = parseArgs({ options: { "database-url": { type: "string" }, "dry-run": { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
} catch (err) {
  console.error(`${(err as Error).message}\n\n${HELP}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(HELP);
  process.exit(0);
}

const { countStaleDataKeys, openApp, rewrapDataKeys } = await import("../bench/src/seed");
const { app, description } = await openApp({ databaseUrl: args.values["database-url"] });
try {
  const stale = await countStaleDataKeys(app);
  if (args.values["dry-run"]) {
    if (args.values.json) console.log(JSON.stringify({ kekId: app.keyProvider.currentKekId, stale }));
    else console.log(`${description}: ${stale} data key(s) not under the current key ${app.keyProvider.currentKekId}`);
  } else {
    const result = await rewrapDataKeys({ app });
    if (args.values.json) console.log(JSON.stringify(result));
    else {
      console.log(`${description}: re-wrapped ${result.rewrapped}, already current ${result.alreadyCurrent}, failed ${result.failed.length} (key ${result.kekId})`);
      for (const f of result.failed) console.error(`  project ${f.projectId}: ${f.reason}`);
    }
    if (result.failed.length > 0) process.exitCode = 1;
  }
} finally {
  await app.close();
}
