import { AsyncLocalStorage } from "node:async_hooks";
import { GLOBAL_KEYS } from "./process-globals.mjs";

/**
 * Per-request facts the access log needs (who, which project). The HTTP server (apps/web/server.mjs)
 * opens the store and writes the one log line when the response finishes; adapters fill it in.
 * The instance lives on globalThis because Next bundles this module separately from server.mjs.
 */
export interface RequestContext {
  requestId: string;
  userId?: string;
  projectId?: string;
  route?: string;
  /** The socket peer's address; the client address is derived from it under TRUST_PROXY. */
  remoteAddress?: string;
}

const g = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
export const requestContextStorage: AsyncLocalStorage<RequestContext> = (g[GLOBAL_KEYS.requestContext] ??= new AsyncLocalStorage<RequestContext>());

export function currentRequest(): RequestContext | undefined {
  return requestContextStorage.getStore();
}

/** Records who the request acts for; a no-op outside a request (tests, jobs). */
export function noteRequest(facts: Partial<Omit<RequestContext, "requestId">>): void {
  const ctx = requestContextStorage.getStore();
  if (ctx) Object.assign(ctx, facts);
}
