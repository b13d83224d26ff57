/**
 * Runs once when the server starts: validates the environment (a bad value stops the start with a
 * clear message instead of failing requests later) and opens the database, so the embedded PGlite
 * folder is claimed at start-up rather than on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { webEnv } = await import("./env");
  try {
    webEnv();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
  const { getApp } = await import("./server/app");
  await getApp();
}
