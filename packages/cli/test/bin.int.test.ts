import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { projectOverRest } from "@llmguard/api/testing";
import { TEST_PASSWORD } from "@llmguard/domain/testing";
import { Machine } from "./support/cli";
import { useServer } from "./support/server";

/**
 * The real executable in its own process (TypeScript through tsx, as `src/bin.ts` is built to
 * `dist/bin.js`): real stdin pipes, real exit codes, and the process ends on its own.
 */
const cwd = fileURLToPath(new URL("..", import.meta.url));
const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url));
const server = useServer();

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `llmguard ...`; `stdin` is piped and closed, or left open (never written) when null. */
function llmguard(argv: string[], env: Record<string, string>, stdin?: string | null): Promise<Ended> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LLMGUARD_") && k !== "NO_COLOR"));
  const proc = spawn(process.execPath, ["--import", "tsx", bin, ...argv], { cwd, env: { ...base, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  if (typeof stdin === "string") proc.stdin.end(stdin);
  else if (stdin === undefined) proc.stdin.end();
  const killer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
  return new Promise((resolve) =>
    proc.on("exit", (code) => {
      clearTimeout(killer);
      proc.stdin.destroy();
      resolve({ code, stdout, stderr });
    }),
  );
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

let p: Awaited<ReturnType<typeof projectOverRest>>;
beforeAll(async () => {
  p = await projectOverRest(server.call);
});

describe("the llmguard executable", () => {
  it("exits 0 for --version, 2 for a usage error, 6 when the server is unreachable and 3 when not logged in", async () => {
    const m = await Machine.create(server.url);
    const port = await closedPort();
    const [version, unknown, down, anonymous] = await Promise.all([
      llmguard(["--version"], {}),
      llmguard(["confg"], {}),
      llmguard(["projects", "--url", `http://127.0.0.1:${port}`], { LLMGUARD_CONFIG_DIR: m.configDir, LLMGUARD_TOKEN: "x" }),
      llmguard(["config", "get"], { LLMGUARD_CONFIG_DIR: m.configDir, LLMGUARD_URL: server.url }),
    ]);
    expect(version).toMatchObject({ code: 0, stdout: "0.1.0\n", stderr: "" });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Did you mean 'config'?");
    expect(down.code).toBe(6);
    expect(down.stderr).toContain(`Cannot reach LLMGuard at http://127.0.0.1:${port} (ECONNREFUSED)`);
    expect(anonymous.code).toBe(3);
    expect(anonymous.stderr).toContain("Not logged in");
  });

  it("logs in with the password piped to stdin, stores a secret from stdin and reveals it bare for $(...)", async () => {
    const m = await Machine.create(server.url);
    const env = { LLMGUARD_CONFIG_DIR: m.configDir, LLMGUARD_URL: server.url };
    const login = await llmguard(["login", "--email", p.email, "--password-stdin", "--project", p.projectId], env, `${TEST_PASSWORD}\n`);
    expect(login).toMatchObject({ code: 0, stdout: `Logged in to ${server.url} as ${p.email}.\nProject: ${p.projectId}\n` });
    expect((await m.credentials()).email).toBe(p.email);

    const value = "s3cr3t with spaces & 'quotes'";
    const set = await llmguard(["secrets", "set", "API_TOKEN", "--value-stdin"], env, `${value}\n`);
    expect(set.code).toBe(0);
    expect(set.stdout + set.stderr).not.toContain(value);

    // stdin stays open and silent: a command that does not read it still ends on its own.
    const started = Date.now();
    const reveal = await llmguard(["secrets", "reveal", "API_TOKEN"], env, null);
    expect(reveal).toMatchObject({ code: 0, stdout: value, stderr: "" });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
