/** Keys of the process-wide globalThis slots shared by server.mjs and the Next bundles (see process-globals.mjs). */
export declare const GLOBAL_KEYS: Readonly<{
  requestContext: symbol;
  shutdownHooks: symbol;
  drainHooks: symbol;
  restHandler: symbol;
  app: symbol;
  logger: symbol;
  metrics: symbol;
  tracer: symbol;
}>;
