import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "./support/http";
import { startIngestDouble, type IngestDouble } from "./support/ingest-double";

const child = fileURLToPath(new URL("./fixtures/exit-child.ts", import.meta.url));
const cwd = fileURLToPath(new URL("..", import.meta.url));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the fixture program in a real Node process (TypeScript through tsx). */
function run(ingest: IngestDouble, mode: string, onReady?: (pid: number) => void): Promise<Ended> {
  const started = Date.now();
  const proc = spawn(process.execPath, ["--import", "tsx", child, ingest.url, ingest.apiKey, mode], { cwd, stdio: ["ignore", "pipe", "pipe"] });
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

let ingest: IngestDouble;
beforeEach(async () => {
  ingest = await startIngestDouble();
});
afterEach(async () => {
  await ingest.close();
});

describe("process exit", () => {
  it("never keeps the process alive, and flushes on beforeExit as it ends", async () => {
    const ended = await run(ingest, "idle");
    expect(ended.stderr).toBe("");
    expect(ended).toMatchObject({ code: 0, signal: null });
    // The flush interval is one minute: the process ended long before it, on its own.
    expect(ended.ms).toBeLessThan(15_000);
    expect(ingest.batchRecords()).toHaveLength(3);
  });

  it("finishes retries before exiting on beforeExit", async () => {
    ingest.script({ status: 503, headers: { "retry-after": "1" } });
    const ended = await run(ingest, "idle");
    expect(ended).toMatchObject({ code: 0, signal: null });
    expect(ingest.batches()).toHaveLength(2);
    expect(ingest.stored.size).toBe(3);
  });

  it.each(["SIGTERM", "SIGINT"] as const)("on %s it flushes, then lets the signal end the process as it would have", async (signal) => {
    const ended = await run(ingest, signal.toLowerCase(), (pid) => process.kill(pid, signal));
    expect(ended.signal).toBe(signal);
    expect(ingest.batchRecords()).toHaveLength(3);
  });

  it("on SIGTERM with the application's own handler it flushes and leaves the exit to the application", async () => {
    const ended = await run(ingest, "app-handler", (pid) => process.kill(pid, "SIGTERM"));
    expect(ended.stdout).toContain("app handler");
    expect(ended).toMatchObject({ code: 7, signal: null });
    await waitFor(() => ingest.batchRecords().length === 3);
  });
});
