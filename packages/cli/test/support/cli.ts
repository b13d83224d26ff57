import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { run } from "../../src/index";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** setRawMode calls on a terminal stdin (stdinTTY). */
  rawModes?: boolean[];
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  /** Text piped to stdin. */
  stdin?: string;
  /** Pretend stdout (and stderr) is a terminal. */
  tty?: boolean;
  /** Pretend stdin is a terminal (with setRawMode), typing `stdin`. */
  stdinTTY?: boolean;
}

function collector(isTTY: boolean) {
  const s = { text: "", isTTY, columns: 120, write: (chunk: string) => void (s.text += chunk) };
  return s;
}

/** Runs the CLI in-process with its own environment, stdin and output streams, as bin.ts does. */
export async function runCli(argv: string[], opts: CliOptions = {}): Promise<CliResult> {
  const stdout = collector(opts.tty ?? false);
  const stderr = collector(opts.tty ?? false);
  const stdin = Object.assign(Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]), opts.stdinTTY ? { isTTY: true } : {});
  const rawModes: boolean[] = [];
  if (opts.stdinTTY) Object.assign(stdin, { setRawMode: (mode: boolean) => rawModes.push(mode) });
  const code = await run(argv, { env: opts.env ?? {}, stdin, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text, ...(opts.stdinTTY ? { rawModes } : {}) };
}

const created: string[] = [];

/** Removes every Machine's config directory (called after each test file). */
export async function removeMachines(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** One machine: its own config directory, pointed at one server. */
export class Machine {
  private constructor(
    readonly configDir: string,
    readonly url: string,
    readonly env: Record<string, string>,
  ) {}

  static async create(url: string, env: Record<string, string> = {}): Promise<Machine> {
    const dir = await mkdtemp(join(tmpdir(), "llmguard-cli-"));
    created.push(dir);
    return new Machine(dir, url, { LLMGUARD_CONFIG_DIR: dir, LLMGUARD_URL: url, ...env });
  }

  get credentialsFile(): string {
    return join(this.configDir, "credentials.json");
  }

  async credentials(): Promise<{ url: string; accessToken?: string; refreshToken?: string; email?: string; projectId?: string }> {
    return JSON.parse(await readFile(this.credentialsFile, "utf8"));
  }

  run(argv: string[], opts: CliOptions = {}): Promise<CliResult> {
    return runCli(argv, { ...opts, env: { ...this.env, ...opts.env } });
  }

  /** Logs in non-interactively (password on stdin) and selects the project. */
  async login(email: string, password: string, projectId?: string): Promise<void> {
    const res = await this.run(["login", "--email", email, "--password-stdin", ...(projectId ? ["--project", projectId] : [])], { stdin: `${password}\n` });
    if (res.code !== 0) throw new Error(`login failed (${res.code}): ${res.stderr}`);
  }
}
