import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addMemberOverRest, signUpOverRest } from "@llmguard/api/testing";
import { Machine } from "./support/cli";
import { useLoggedInUser, useServer } from "./support/server";

/** config get/set/diff/history/restore and env export against the real REST API and database. */
const server = useServer();
const { state, project } = useLoggedInUser(server, "cli config");

describe("config set, get, history, diff and restore", () => {
  it("round-trips typed values through versions, a diff and a restore", async () => {
    const { cli } = await project();
    const v1 = await cli(["config", "set", "llm.model=gpt-4o", "llm.temperature=0.2", 'feature.flags={"search":true}', "app.name=Support bot", "-e", "staging", "-m", "first", "--json"]);
    expect(v1.code).toBe(0);
    const first = JSON.parse(v1.stdout);
    expect(first).toMatchObject({ created: true, environment: "staging", message: "first" });

    const get = JSON.parse((await cli(["config", "get", "-e", "staging", "--json"])).stdout);
    expect(get.values).toMatchObject({ "llm.model": "gpt-4o", "llm.temperature": 0.2, "feature.flags": { search: true }, "app.name": "Support bot" });
    expect(get.entries.find((e: { key: string }) => e.key === "llm.model")).toMatchObject({ source: "override", baseValue: "gpt-4o-mini" });

    // One key, bare when stdout is not a terminal, so $(llmguard config get ...) works.
    expect((await cli(["config", "get", "llm.model", "-e", "staging"])).stdout).toBe("gpt-4o\n");
    expect((await cli(["config", "get", "feature.flags", "-e", "staging"])).stdout).toBe('{"search":true}\n');
    const tty = await cli(["config", "get", "llm.model", "-e", "staging"], { tty: true, env: { NO_COLOR: "1" } });
    expect(tty.stdout).toBe('llm.model = "gpt-4o"  (override in staging, base: "gpt-4o-mini")\n');

    const v2 = await cli(["config", "set", "llm.temperature=0.5", "--unset", "app.name", "-e", "staging", "-m", "second"]);
    expect(v2.code).toBe(0);
    expect(v2.stdout).toMatch(/^Saved staging: version \d+\n {2}app\.name: "Support bot" → \(unset\)\n {2}llm\.temperature: 0\.2 → 0\.5\n$/);

    const history = JSON.parse((await cli(["config", "history", "-e", "staging", "--json"])).stdout);
    expect(history.versions.map((v: { message: string }) => v.message)).toEqual(["second", "first"]);
    const table = await cli(["config", "history", "-e", "staging"]);
    expect(table.stdout.split("\n")[0]).toMatch(/^VERSION\s+DATE\s+AUTHOR\s+MESSAGE\s+CHANGED$/);
    expect(table.stdout).toContain(state.user.email);

    const diff = await cli(["config", "diff", "-e", "staging"]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toBe('- app.name (was "Support bot")\n~ llm.temperature: 0.2 → 0.5\n');
    const fromStart = JSON.parse((await cli(["config", "diff", "-e", "staging", "--from", "0", "--to", String(first.version), "--json"])).stdout);
    expect(fromStart.changes.map((c: { kind: string; key: string }) => `${c.kind}:${c.key}`)).toEqual(["added:app.name", "added:feature.flags", "added:llm.model", "added:llm.temperature"]);

    const restored = await cli(["config", "restore", String(first.version), "-e", "staging", "-m", "undo", "--json"]);
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ created: true, restoredFrom: first.version, message: "undo" });
    const after = JSON.parse((await cli(["config", "get", "-e", "staging", "--json"])).stdout);
    expect(after.values).toMatchObject({ "llm.temperature": 0.2, "app.name": "Support bot" });
  });

  it("writes to development when no environment is given, and says so", async () => {
    const { cli } = await project();
    const res = await cli(["config", "set", "feature.beta=true"]);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe("environment: development (pass -e to choose another)\n");
    expect((await cli(["config", "get", "feature.beta", "-e", "development"])).stdout).toBe("true\n");
    expect((await cli(["config", "get", "feature.beta", "-e", "production"])).code).toBe(4);
  });

  it("deletes an override with --unset, so the base value shows through", async () => {
    const { cli, put } = await project();
    await put("base", { "llm.temperature": 0.7 });
    await put("production", { "llm.temperature": 0.1 });
    expect((await cli(["config", "set", "--unset", "llm.temperature", "-e", "production"])).code).toBe(0);
    const entry = JSON.parse((await cli(["config", "get", "llm.temperature", "--json"])).stdout);
    expect(entry).toMatchObject({ key: "llm.temperature", value: 0.7, source: "base" });
  });

  it("sets many keys from --file and from stdin with --file -", async () => {
    const { cli } = await project();
    const file = join(state.m.configDir, "values.json");
    await writeFile(file, JSON.stringify({ "a.one": 1, "a.two": "two", "a.three": { x: [1] } }));
    expect((await cli(["config", "set", "--file", file, "a.two=override", "-e", "staging"])).code).toBe(0);
    expect((await cli(["config", "set", "--file", "-", "-e", "staging"], { stdin: '{"a.one": null, "a.four": false}' })).code).toBe(0);
    const values = JSON.parse((await cli(["config", "get", "-e", "staging", "--json"])).stdout).values;
    expect(values).toMatchObject({ "a.two": "override", "a.three": { x: [1] }, "a.four": false });
    expect(values["a.one"]).toBeUndefined();
  });

  it("prints an unresolvable template clearly and exits 5, storing nothing", async () => {
    const { cli } = await project();
    const res = await cli(["config", "set", "db.url=postgres://{{ db.host }}/app", "-e", "staging"]);
    expect(res.code).toBe(5);
    expect(res.stderr).toMatch(/^error: staging: db\.url references \{\{ db\.host \}\}, which is not set.*\n {2}- staging: db\.url \(MISSING_REFERENCE\)\n$/);
    const json = await cli(["config", "set", "x={{ y }}", "y={{ x }}", "-e", "staging", "--json"]);
    expect(json.code).toBe(5);
    expect(json.stdout).toBe("");
    const envelope = JSON.parse(json.stderr);
    expect(envelope.error).toMatchObject({ code: "CONFIG_UNRESOLVABLE", details: { issues: expect.arrayContaining([expect.objectContaining({ code: "CYCLE", environment: "staging" })]) } });
    expect(typeof envelope.error.timestamp).toBe("string");
    expect(JSON.parse((await cli(["config", "history", "-e", "staging", "--json"])).stdout).versions).toEqual([]);
  });

  it("exits 5 for a value the server refuses, with the field named", async () => {
    const { cli } = await project();
    const res = await cli(["config", "set", "guard.riskThreshold=high", "-e", "production"]);
    expect(res.code).toBe(5);
    expect(res.stderr).toContain("values.guard.riskThreshold");
  });

  it("exits 4 for an unknown environment or version, and 3 when the role is missing", async () => {
    const { cli, projectId } = await project();
    expect((await cli(["config", "get", "-e", "nowhere"])).code).toBe(4);
    expect((await cli(["config", "restore", "999999", "-e", "staging"])).code).toBe(4);
    const dev = await signUpOverRest(server.call, "Dev");
    await addMemberOverRest(server.call, state.user.token, projectId, dev.email, "developer");
    const devMachine = await Machine.create(server.url, { LLMGUARD_TOKEN: dev.token, LLMGUARD_PROJECT: projectId });
    expect((await devMachine.run(["config", "set", "a=1", "-e", "staging"])).code).toBe(0);
    const denied = await devMachine.run(["config", "set", "a=1", "-e", "production"]);
    expect(denied.code).toBe(3);
    expect(denied.stderr).toContain("requires role admin (yours: developer)");
  });

  it("refuses incomplete commands with exit 2 before calling the server", async () => {
    const { cli } = await project();
    for (const argv of [["config", "set"], ["config", "set", "a="], ["config", "set", "a=null"], ["config", "restore", "3"], ["config", "restore", "x", "-e", "staging"], ["config", "diff", "--to", "abc"]]) {
      const res = await cli(argv);
      expect(res.code, argv.join(" ")).toBe(2);
      expect(res.stderr, argv.join(" ")).toMatch(/^error: /);
    }
  });
});

describe("env export", () => {
  const tricky = 'sk-"quoted" $HOME \\ end';

  async function withSecret(scopes: string[]) {
    const p = await project();
    await server.call("PUT", `/api/v1/projects/${p.projectId}/secrets/OPENAI_API_KEY`, { token: state.user.token, body: { value: tricky } });
    await p.put("base", { "llm.temperature": 0.7, prompt: "Hello\nWorld" });
    await p.put("production", { "openai.apiKey": "{{ secret:OPENAI_API_KEY }}", "llm.temperature": 0.2, "feature.flags": { search: true } });
    const key = await server.call("POST", `/api/v1/projects/${p.projectId}/api-keys`, { token: state.user.token, body: { name: "ci", scopes } });
    expect(key.status).toBe(201);
    return { ...p, apiKey: key.body.key as string };
  }

  it("prints dotenv with an API key and no login (the CI/CD path)", async () => {
    const { apiKey } = await withSecret(["config:read", "secrets:read"]);
    const ci = await Machine.create(server.url, { LLMGUARD_API_KEY: apiKey });
    const res = await ci.run(["env", "export", "--environment", "production", "--format", "dotenv"]);
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split("\n");
    expect(lines).toContain('OPENAI_APIKEY="sk-\\"quoted\\" $HOME \\\\ end"');
    expect(lines).toContain('LLM_TEMPERATURE="0.2"');
    expect(lines).toContain('LLM_MODEL="gpt-4o-mini"');
    expect(lines).toContain('FEATURE_FLAGS="{\\"search\\":true}"');
    expect(lines).toContain('PROMPT="Hello\\nWorld"');
    expect([...lines].sort()).toEqual(lines);
    expect(res.stderr).toMatch(/^Exported \d+ variables from production \(version \d+\)\.\n$/);
  });

  it("warns and leaves references as written when the key cannot read secrets", async () => {
    const { apiKey } = await withSecret(["config:read"]);
    const res = await (await Machine.create(server.url)).run(["env", "export", "--api-key", apiKey, "--format", "json"]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).OPENAI_APIKEY).toBe("{{ secret:OPENAI_API_KEY }}");
    expect(res.stderr).toContain("no secrets:read scope");
  });

  it("exports through the user session as shell that sh reads back exactly, and as JSON", async () => {
    const { cli } = await withSecret(["config:read"]);
    const shell = await cli(["env", "export", "-e", "production", "--format", "shell", "--prefix", "APP_"]);
    expect(shell.code).toBe(0);
    expect(shell.stdout).toContain("export APP_OPENAI_APIKEY='sk-\"quoted\" $HOME \\ end'\n");
    const { execFileSync } = await import("node:child_process");
    const read = execFileSync("/bin/sh", ["-c", `${shell.stdout}printf '%s|%s' "$APP_OPENAI_APIKEY" "$APP_PROMPT"`], { encoding: "utf8" });
    expect(read).toBe(`${tricky}|Hello\nWorld`);
    const json = await cli(["env", "export", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ OPENAI_APIKEY: tricky, LLM_TEMPERATURE: "0.2", FEATURE_FLAGS: '{"search":true}' });
    const noSecrets = await cli(["env", "export", "--json", "--no-secrets"]);
    expect(JSON.parse(noSecrets.stdout).OPENAI_APIKEY).toBe("{{ secret:OPENAI_API_KEY }}");
  });

  it("fails with exit 5 and writes nothing when two keys map to one variable name", async () => {
    const { cli, put, apiKey } = await withSecret(["config:read", "secrets:read"]);
    await put("production", { llm_model: "other" });
    for (const run of [() => cli(["env", "export"]), () => cli(["env", "export", "--api-key", apiKey])]) {
      const res = await run();
      expect(res.code).toBe(5);
      expect(res.stdout).toBe("");
      expect(res.stderr).toContain("LLM_MODEL ← llm.model, llm_model");
    }
  });

  it("refuses an unknown format and a conflicting --json with exit 2", async () => {
    const { cli } = await project();
    expect((await cli(["env", "export", "--format", "yaml"])).code).toBe(2);
    expect((await cli(["env", "export", "--format", "dotenv", "--json"])).code).toBe(2);
    expect((await cli(["env", "export", "--prefix", "9X"])).code).toBe(2);
  });

  it("exits 3 for an API key the server does not know", async () => {
    const res = await (await Machine.create(server.url)).run(["env", "export", "--api-key", "lg_abcdefghijkl_0123456789abcdefghijklmnopqrstuv", "--json"]);
    expect(res.code).toBe(3);
    expect(JSON.parse(res.stderr).error.code).toBe("INVALID_API_KEY");
  });
});
