import "server-only";
import { countStaleDataKeys, createApp, type App } from "@llmguard/domain";
import { webEnv } from "~/env";

/**
 * The process's one App (database, limits, mailer), created on first use. It lives on globalThis so
 * Next's separately bundled route handlers share it, and it registers a shutdown hook that server.mjs
 * runs on SIGTERM to close the database.
 */
const KEY = Symbol.for("llmguard.app");
const HOOKS = Symbol.for("llmguard.shutdownHooks");
const g = globalThis as unknown as Record<symbol, unknown>;

export function getApp(): Promise<App> {
  let app = g[KEY] as Promise<App> | undefined;
  if (!app) {
    app = createApp({ env: webEnv() });
    g[KEY] = app;
    app.then(
      (a) => {
        const hooks = (g[HOOKS] ??= []) as (() => Promise<void>)[];
        hooks.push(() => a.close());
        if (a.mailer.kind === "outbox") a.logger.warn("SMTP_URL is not set: e-mails (password resets) are kept in the dev outbox at /dev/outbox. Set SMTP_URL before exposing this deployment.");
        // A key-encryption-key rotation half done: remind the operator to finish it (docs/config-secrets.md).
        countStaleDataKeys(a).then(
          (stale) => {
            if (stale > 0) a.logger.warn({ stale, kekId: a.keyProvider.currentKekId }, "data keys are still wrapped by a retired SECRETS_MASTER_KEY: run `pnpm secrets:rewrap`");
          },
          () => undefined,
        );
      },
      () => {
        g[KEY] = undefined;
      },
    );
  }
  return app;
}
