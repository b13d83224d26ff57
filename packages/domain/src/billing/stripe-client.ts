import Stripe from "stripe";
import type { App } from "../app";
import { DomainError, isDomainError } from "../shared/errors";

/**
 * The official Stripe client of an App, created once when STRIPE_SECRET_KEY is set (ARCHITECTURE decision
 * 3). STRIPE_API_BASE points it at another host (tests: a local server speaking Stripe's protocol, so the
 * SDK's own request code runs). Without a key, billing actions answer 503 BILLING_NOT_CONFIGURED.
 */
const clients = new WeakMap<App, Stripe>();

export function billingConfigured(app: App): boolean {
  return app.env.STRIPE_SECRET_KEY !== undefined;
}

export function stripeOf(app: App): Stripe {
  const existing = clients.get(app);
  if (existing) return existing;
  const key = app.env.STRIPE_SECRET_KEY;
  if (!key) throw new DomainError("BILLING_NOT_CONFIGURED", "Billing is not configured on this server (STRIPE_SECRET_KEY is not set)");
  const base = app.env.STRIPE_API_BASE ? new URL(app.env.STRIPE_API_BASE) : null;
  const client = new Stripe(key, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "LLMGuard" },
    ...(base ? { host: base.hostname, port: Number(base.port || (base.protocol === "https:" ? 443 : 80)), protocol: base.protocol === "https:" ? "https" : "http" } : {}),
  });
  clients.set(app, client);
  return client;
}

/**
 * Runs a Stripe call; Stripe's own failures become PAYMENT_PROVIDER_ERROR (502) with Stripe's message,
 * which names the problem without secrets (a 4xx from Stripe is our request's fault, still not the user's).
 */
export async function callStripe<T>(app: App, what: string, fn: (stripe: Stripe) => Promise<T>): Promise<T> {
  const stripe = stripeOf(app);
  try {
    return await fn(stripe);
  } catch (err) {
    if (isDomainError(err)) throw err;
    const e = err as { type?: string; statusCode?: number; message?: string; code?: string };
    app.logger.warn({ what, type: e.type, statusCode: e.statusCode, code: e.code }, "Stripe call failed");
    throw new DomainError("PAYMENT_PROVIDER_ERROR", `Stripe could not ${what}: ${e.message ?? "unknown error"}`, { details: { stripeType: e.type ?? null, stripeCode: e.code ?? null }, cause: err });
  }
}

/** Stripe's ids of a field that may be expanded (an object) or not (its id). */
export function idOf(v: string | { id: string } | null | undefined): string | null {
  if (!v) return null;
  return typeof v === "string" ? v : v.id;
}
