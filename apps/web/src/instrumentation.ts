/**
 * Runs once when the server starts. The Node-only start-up checks live in instrumentation-node.ts,
 * imported only on the Node runtime so the Edge build never sees them.
 */
export async function register() {
  // NEXT_RUNTIME is set by Next itself, not configuration.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
