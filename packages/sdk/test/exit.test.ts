import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DomainError } from "@llmguard/domain";
import { useGuardHarness } from "./support/guard-harness";
import { waitFor } from "./support/http";

const child = fileURLToPath(new URL("./fixtures/exit-child.ts", import.meta.url));
const cwd = fileURLToPath(new URL("..", import.meta.url));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The exit hooks in a real Node process (the fixture program, TypeScript through tsx) that logs into the
 * real ingest route through the recording proxy; what the process delivered is read from the database.
 */
const h = useGuardHarness();

function run(mode: string, onReady?: (pid: number) => void): Promise<Ended> {
  const started = Date.now();
  const proc = spawn(process.execPath, ["--import", "tsx", child, h.proxy.url, h.apiKey, mode], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  proc.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    if (onReady && stdout.includes("ready")) {
      const fire = onReady;
      onReady = undefined;
      fire(proc.pid!);
    }
  });
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const killer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
  return new Promise((resolve) =>
    proc.on("exit", (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    }),
  );
}

describe("process exit", () => {
  it("never keeps the process alive, and flushes on beforeExit as it ends", async () => {
    const ended = await run("idle");
    expect(ended.stderr).toBe("");
    expect(ended).toMatchObject({ code: 0, signal: null });
    // The flush interval is one minute: the process ended long before it, on its own.
    expect(ended.ms).toBeLessThan(15_000);
    expect(h.proxy.batches()).toHaveLength(1);
    expect((await h.rows()).map((r) => r.latencyMs)).toEqual([0, 1, 2]);
  });

  it("finishes retries before exiting on beforeExit", async () => {
    h.proxy.inject({ error: new DomainError("SERVICE_UNAVAILABLE", "The database is unavailable; retry shortly", { retryAfterSeconds: 1 }) });
    const ended = await run("idle");
    expect(ended).toMatchObject({ code: 0, signal: null });
    expect(h.proxy.seen.map((r) => r.status)).toEqual([503, 200]);
    expect(await h.rows()).toHaveLength(3);
  });

  it.each(["SIGTERM", "SIGINT"] as const)("on %s it flushes, then lets the signal end the process as it would have", async (signal) => {
    const ended = await run(signal.toLowerCase(), (pid) => process.kill(pid, signal));
    expect(ended.signal).toBe(signal);
    expect(await h.rows()).toHaveLength(3);
  });

  it("on SIGTERM with the application's own handler it flushes and leaves the exit to the application", async () => {
    const ended = await run("app-handler", (pid) => process.kill(pid, "SIGTERM"));
    expect(ended.stdout).toContain("app handler");
    expect(ended).toMatchObject({ code: 7, signal: null });
    await waitFor(() => h.proxy.batchRecords().length === 3);
    await waitFor(() => h.proxy.seen.every((r) => r.status !== "pending"));
    expect(await h.rows()).toHaveLength(3);
  });
});
