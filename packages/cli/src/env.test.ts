import { describe, expect, it } from "vitest";
import { readEnv } from "./env";
import { CliError, EXIT } from "./errors";
import { run } from "./run";

const KEY = "lg_abcdefghijkl_0123456789abcdefghijklmnopqrstuv";
const PROJECT = "3f0c2a8e-5d1b-4c4e-9a57-2b8f1e0c9d11";

function failure(source: Record<string, string | undefined>): CliError {
  try {
    readEnv(source);
  } catch (err) {
    return err as CliError;
  }
  throw new Error("readEnv accepted an invalid environment");
}

async function runWith(argv: string[], env: Record<string, string>) {
  const out = { text: "", write: (c: string) => void (out.text += c) };
  const err = { text: "", write: (c: string) => void (err.text += c) };
  const code = await run(argv, { env, stdout: out, stderr: err });
  return { code, stdout: out.text, stderr: err.text };
}

describe("readEnv", () => {
  it("returns the variables the CLI reads, with the URL normalized; unset and empty ones are absent", () => {
    const env = readEnv({
      LLMGUARD_URL: "https://llmguard.example.com/",
      LLMGUARD_PROJECT: PROJECT,
      LLMGUARD_TOKEN: "eyJhbGciOiJIUzI1NiJ9.e30.c2ln",
      LLMGUARD_API_KEY: KEY,
      LLMGUARD_EMAIL: "ada@example.com",
      LLMGUARD_PASSWORD: "correct horse battery staple",
      LLMGUARD_CONFIG_DIR: "/home/ada/.llmguard",
      XDG_CONFIG_HOME: "",
      HOME: "/home/ada",
      NO_COLOR: "1",
      PATH: "/usr/bin",
    });
    expect(env).toEqual({
      LLMGUARD_URL: "https://llmguard.example.com",
      LLMGUARD_PROJECT: PROJECT,
      LLMGUARD_TOKEN: "eyJhbGciOiJIUzI1NiJ9.e30.c2ln",
      LLMGUARD_API_KEY: KEY,
      LLMGUARD_EMAIL: "ada@example.com",
      LLMGUARD_PASSWORD: "correct horse battery staple",
      LLMGUARD_CONFIG_DIR: "/home/ada/.llmguard",
      HOME: "/home/ada",
      NO_COLOR: "1",
    });
    expect(readEnv({})).toEqual({});
  });

  it("ignores a relative XDG_CONFIG_HOME, as the XDG spec says", () => {
    expect(readEnv({ XDG_CONFIG_HOME: "config" })).toEqual({});
    expect(readEnv({ XDG_CONFIG_HOME: "/etc/xdg" })).toEqual({ XDG_CONFIG_HOME: "/etc/xdg" });
  });

  it.each([
    ["LLMGUARD_URL", "localhost:3000", "must be an http(s) URL (got 'localhost:3000')"],
    ["LLMGUARD_URL", "not a url", "must be an http(s) URL such as https://llmguard.example.com (got 'not a url')"],
    ["LLMGUARD_PROJECT", "my-project", "must be a project id, a UUID (got 'my-project'); `llmguard projects` lists them"],
    ["LLMGUARD_EMAIL", "ada", "must be an e-mail address (got 'ada')"],
    ["LLMGUARD_CONFIG_DIR", ".llmguard", "must be an absolute path (got '.llmguard')"],
  ])("rejects %s=%j, naming it", (name, value, message) => {
    const err = failure({ [name]: value });
    expect(err).toBeInstanceOf(CliError);
    expect(err).toMatchObject({ exitCode: EXIT.USAGE, code: "INVALID_ENVIRONMENT", message: `Invalid environment variable ${name}`, details: { issues: [{ path: name, message }] } });
    expect(err.hint).toBe("Fix or unset it; `llmguard --help` lists the variables the CLI reads.");
  });

  it("rejects a token or API key that cannot go into a header, without echoing it", () => {
    const err = failure({ LLMGUARD_TOKEN: "secret-token\n", LLMGUARD_API_KEY: "sk-proj-secret" });
    expect(err.message).toBe("Invalid environment variables LLMGUARD_TOKEN, LLMGUARD_API_KEY");
    expect(err.details).toEqual({
      issues: [
        { path: "LLMGUARD_TOKEN", message: "must be one access token, without spaces, quotes or line breaks" },
        { path: "LLMGUARD_API_KEY", message: "must be a project API key: lg_ followed by letters and digits, without spaces or line breaks" },
      ],
    });
    expect(JSON.stringify(err.details)).not.toContain("secret");
  });
});

describe("an invalid environment on the command line", () => {
  it("stops a command before any request with exit 2, every problem listed", async () => {
    // Port 9 is never answered: a request would fail as unreachable (exit 6), not as a usage error.
    const res = await runWith(["config", "get", "--url", "http://127.0.0.1:9"], { LLMGUARD_PROJECT: "p1", LLMGUARD_CONFIG_DIR: "rel", LLMGUARD_TOKEN: "t" });
    expect(res.code).toBe(2);
    expect(res.stdout).toBe("");
    expect(res.stderr).toBe(
      [
        "error: Invalid environment variables LLMGUARD_PROJECT, LLMGUARD_CONFIG_DIR",
        "  - LLMGUARD_PROJECT: must be a project id, a UUID (got 'p1'); `llmguard projects` lists them",
        "  - LLMGUARD_CONFIG_DIR: must be an absolute path (got 'rel')",
        "Fix or unset them; `llmguard --help` lists the variables the CLI reads.",
        "",
      ].join("\n"),
    );
  });

  it("answers the error envelope under --json", async () => {
    const res = await runWith(["projects", "--json"], { LLMGUARD_URL: "ftp://llmguard.example.com" });
    expect(res.code).toBe(2);
    expect(JSON.parse(res.stderr)).toMatchObject({
      error: { code: "INVALID_ENVIRONMENT", details: { issues: [{ path: "LLMGUARD_URL", message: "must be an http(s) URL (got 'ftp://llmguard.example.com')" }] } },
    });
  });

  it("still shows help and the version", async () => {
    const env = { LLMGUARD_URL: "nope" };
    expect((await runWith(["--help"], env)).code).toBe(0);
    expect((await runWith(["config", "get", "--help"], env)).code).toBe(0);
    expect((await runWith(["--version"], env)).code).toBe(0);
  });
});
