import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config, startConfigDouble, type ConfigDouble } from "./support/config-double";
import { waitFor } from "./support/http";

/**
 * close() and guard.shutdown() leave nothing behind that keeps Node running: real programs (TypeScript
 * through tsx) read their config over HTTP and SSE, close, and must then end on their own. The property
 * is the client's (its sockets and timers), so a local double of the delivery routes serves them.
 */
const child = fileURLToPath(new URL("./fixtures/config-exit-child.ts", import.meta.url));
const cwd = fileURLToPath(new URL("..", import.meta.url));

let double: ConfigDouble;
beforeAll(async () => {
  double = await startConfigDouble(config(7, { "llm.model": "exit-test-model" }), { retryMs: 3_000 });
});
afterAll(async () => {
  await double?.close();
});

function run(mode: string): Promise<{ mode: string; code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const proc = spawn(process.execPath, ["--import", "tsx", child, double.url, double.apiKey, mode], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const killer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
  return new Promise((resolve) =>
    proc.on("exit", (code, signal) => {
      clearTimeout(killer);
      resolve({ mode, code, signal, stdout, stderr, ms: Date.now() - started });
    }),
  );
}

describe("config client and process exit", () => {
  it("a program that reads its config and then closes it (or shuts the guard down, also after wrapping a client, or only polls) ends by itself", async () => {
    const modes = ["stream-close", "guard-shutdown", "wrap-shutdown", "poll-no-close"];
    const ended = await Promise.all(modes.map(run));
    for (const e of ended) {
      expect(e, e.mode).toMatchObject({ stderr: "", stdout: "model=exit-test-model\ndone\n", code: 0, signal: null });
      // Killed after 20 s otherwise: an open stream or a ref'd timer would keep it running.
      expect(e.ms, e.mode).toBeLessThan(15_000);
    }
    expect(double.streams).toHaveLength(3);
    expect(double.reads.length).toBeGreaterThanOrEqual(1);
    // The server saw both streams end.
    await waitFor(() => double.openStreams() === 0);
  });
});
