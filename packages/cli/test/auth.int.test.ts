import { stat } from "node:fs/promises";
import { writeFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { projectOverRest } from "@llmguard/api/testing";
import { TEST_PASSWORD } from "@llmguard/domain/testing";
import { Machine } from "./support/cli";
import { useServer } from "./support/server";

/** login, the saved session and its refresh, logout, whoami, projects and use against the real REST API. */
const server = useServer();
// One account for the file (bcrypt at cost 12 makes every registration and login cost ~0.5 s).
let p: Awaited<ReturnType<typeof projectOverRest>>;
// Two machines logged in by the first tests and used by later ones (tests in a file run in order).
let a: Machine;
let b: Machine;
beforeAll(async () => {
  p = await projectOverRest(server.call);
});

describe("login", () => {
  it("logs in with the password on stdin and saves the session privately (0600), never printing tokens", async () => {
    const m = (a = await Machine.create(server.url));
    const res = await m.run(["login", "--email", p.email, "--password-stdin"], { stdin: `${TEST_PASSWORD}\n` });
    expect(res).toMatchObject({ code: 0, stdout: `Logged in to ${server.url} as ${p.email}.\n` });
    expect((await stat(m.credentialsFile)).mode & 0o777).toBe(0o600);
    const creds = await m.credentials();
    expect(creds).toMatchObject({ url: server.url, email: p.email });
    expect(res.stdout + res.stderr).not.toContain(creds.accessToken!);
    expect(res.stdout + res.stderr).not.toContain(creds.refreshToken!);
    // The saved access token is a working one.
    expect((await server.call("GET", "/api/v1/me", { token: creds.accessToken })).body.email).toBe(p.email);
  });

  it("asks for the e-mail and a hidden password on a terminal (raw mode, backspace, nothing echoed)", async () => {
    const m = await Machine.create(server.url);
    // The e-mail line comes from the terminal's line editing; the password is read raw: a typo, backspace, Enter.
    const res = await m.run(["login"], { stdinTTY: true, stdin: `${p.email}\n${TEST_PASSWORD}x\u007f\r` });
    expect(res.code).toBe(0);
    expect(res.rawModes).toEqual([true, false]);
    expect(res.stderr).toBe("E-mail: Password: \nChoose a project with `llmguard use <id>` (`llmguard projects` lists them), or pass --project.\n");
    expect((await m.credentials()).email).toBe(p.email);
  });

  it("reads the password from LLMGUARD_PASSWORD and saves --project after checking it", async () => {
    const m = (b = await Machine.create(server.url));
    const res = await m.run(["login", "--email", p.email, "--project", p.projectId, "--json"], { env: { LLMGUARD_PASSWORD: TEST_PASSWORD } });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ url: server.url, email: p.email, projectId: p.projectId });
    expect((await m.credentials()).projectId).toBe(p.projectId);
  });

  it("exits 3 for a wrong password and saves nothing", async () => {
    const m = await Machine.create(server.url);
    const res = await m.run(["login", "--email", p.email, "--password-stdin", "--json"], { stdin: "wrong-password-1" });
    expect(res).toMatchObject({ code: 3, stdout: "" });
    expect(JSON.parse(res.stderr).error).toMatchObject({ code: "INVALID_CREDENTIALS", message: expect.any(String), timestamp: expect.any(String) });
    await expect(stat(m.credentialsFile)).rejects.toThrow(/ENOENT/);
  });

  it("refuses to log in without a password when stdin is not a terminal (exit 2)", async () => {
    const m = await Machine.create(server.url);
    const res = await m.run(["login", "--email", "x@example.test"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("--password-stdin");
  });

  it("exits 4 and saves nothing when --project is not one of the user's projects", async () => {
    const other = "00000000-0000-4000-8000-000000000000";
    const m = await Machine.create(server.url);
    const res = await m.run(["login", "--email", p.email, "--password-stdin", "--project", other], { stdin: TEST_PASSWORD });
    expect(res.code).toBe(4);
    await expect(stat(m.credentialsFile)).rejects.toThrow(/ENOENT/);
  });
});

describe("the saved session", () => {
  it("refreshes once when the access token is rejected, saves the rotated pair and retries", async () => {
    const m = b; // logged in with LLMGUARD_PASSWORD above
    const before = await m.credentials();
    // The server rejects this access token as INVALID_TOKEN, as it does an expired one.
    await writeFile(m.credentialsFile, JSON.stringify({ ...before, accessToken: "eyJhbGciOiJIUzI1NiJ9.e30.not-a-valid-signature" }));
    const res = await m.run(["whoami", "--json"]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).user.email).toBe(p.email);
    const after = await m.credentials();
    expect(after.accessToken).not.toContain("not-a-valid-signature");
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect((await stat(m.credentialsFile)).mode & 0o777).toBe(0o600);
    // The refresh token rotated: the old one is spent, the saved one works.
    expect((await server.call("GET", "/api/v1/me", { token: after.accessToken })).status).toBe(200);
    expect((await server.call("POST", "/api/v1/auth/refresh", { body: { refreshToken: before.refreshToken } })).status).toBe(401);
  });

  it("exits 3 asking to log in again when the refresh token is no longer valid either", async () => {
    const m = await Machine.create(server.url);
    await writeFile(m.credentialsFile, JSON.stringify({ url: server.url, email: p.email, projectId: p.projectId, accessToken: "garbage", refreshToken: "also-garbage" }));
    const res = await m.run(["config", "get"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toContain("Your session has expired or was revoked");
    expect(res.stderr).toContain("llmguard login");
  });

  it("uses LLMGUARD_TOKEN without any saved session (CI)", async () => {
    const m = await Machine.create(server.url, { LLMGUARD_TOKEN: p.token, LLMGUARD_PROJECT: p.projectId });
    const res = await m.run(["whoami"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(p.email);
    expect(res.stdout).toContain(`Project: ${p.projectId}`);
    const bad = await m.run(["whoami"], { env: { LLMGUARD_TOKEN: "nope" } });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain("LLMGUARD_TOKEN was rejected");
  });

  it("never sends a saved session to another server URL", async () => {
    const res = await a.run(["whoami", "--url", "http://127.0.0.1:9"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toContain(`your saved session is for ${server.url}`);
  });

  it("exits 3 with a hint when nobody is logged in", async () => {
    const m = await Machine.create(server.url);
    const res = await m.run(["projects"]);
    expect(res.code).toBe(3);
    expect(res.stderr).toBe(`error: Not logged in to ${server.url}\nRun \`llmguard login\` (or set LLMGUARD_TOKEN).\n`);
  });
});

describe("logout, whoami, projects and use", () => {
  it("lists projects, selects one with use, and logout revokes the session on the server", async () => {
    const second = await server.call("POST", "/api/v1/projects", { token: p.token, body: { name: "Second" } });
    const m = a; // logged in with --password-stdin above, without a project

    const list = await m.run(["projects", "--json"]);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout).projects as { id: string }[]).map((x) => x.id)).toEqual(expect.arrayContaining([p.projectId, second.body.project.id]));

    expect((await m.run(["use", second.body.project.id])).stdout).toBe(`Using project ${second.body.project.id}.\n`);
    const table = await m.run(["projects"]);
    expect(table.stdout.split("\n").find((l) => l.startsWith("*"))).toContain("Second");
    expect((await m.run(["use", "not-a-uuid"])).code).toBe(2);
    expect((await m.run(["use", "00000000-0000-4000-8000-000000000000"])).code).toBe(4);

    const who = await m.run(["whoami"]);
    expect(who.stdout).toContain(`Project: ${second.body.project.id}`);

    const { refreshToken } = await m.credentials();
    const out = await m.run(["logout"]);
    expect(out).toMatchObject({ code: 0, stdout: `Logged out of ${server.url}.\n` });
    const left = await m.credentials();
    expect(left).toEqual({ url: server.url, projectId: second.body.project.id });
    expect((await server.call("POST", "/api/v1/auth/refresh", { body: { refreshToken } })).status).toBe(401);
    expect((await m.run(["whoami"])).code).toBe(3);
  });
});
