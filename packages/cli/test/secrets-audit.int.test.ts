import { describe, expect, it } from "vitest";
import { useLoggedInUser, useServer } from "./support/server";

/** secrets set/list/reveal/rotate/delete and audit verify/list/export against the real REST API and database. */
const server = useServer();
const { state, project } = useLoggedInUser(server, "cli secrets");

describe("secrets", () => {
  it("sets from stdin, lists without values, reveals, rotates with a grace period and deletes", async () => {
    const { cli, projectId } = await project();
    const set = await cli(["secrets", "set", "OPENAI_API_KEY", "--value-stdin", "--rotation-days", "90"], { stdin: "sk-first\n" });
    expect(set).toMatchObject({ code: 0, stderr: "" });
    expect(set.stdout).toMatch(/^Saved secret OPENAI_API_KEY \(version 1; rotation: every 90d, due \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.\n$/);

    // The value is stored exactly, without the newline echo added.
    const revealed = await cli(["secrets", "reveal", "OPENAI_API_KEY"]);
    expect(revealed).toMatchObject({ code: 0, stdout: "sk-first" });

    await server.call("PUT", `/api/v1/projects/${projectId}/config/production`, { token: state.user.token, body: { values: { "openai.apiKey": "{{ secret:OPENAI_API_KEY }}" } } });
    const rotated = await cli(["secrets", "rotate", "OPENAI_API_KEY", "--grace-hours", "24", "--value-stdin"], { stdin: "sk-second" });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/^Rotated OPENAI_API_KEY to version 2\.\nVersion 1 stays valid until .+ UTC\.\n$/);

    const list = await cli(["secrets", "list"]);
    expect(list.code).toBe(0);
    const [header, row] = list.stdout.split("\n");
    expect(header).toMatch(/^NAME\s+VERSION\s+ROTATION\s+PREVIOUS VALUE\s+USED BY$/);
    expect(row).toMatch(/^OPENAI_API_KEY\s+2\s+every 90d, due .+ UTC\s+v1 valid until .+ UTC\s+production:openai\.apiKey$/);
    expect(list.stdout).not.toContain("sk-");
    const listed = JSON.parse((await cli(["secrets", "list", "--json"])).stdout).secrets[0];
    expect(listed).toMatchObject({ name: "OPENAI_API_KEY", version: 2, rotationDays: 90, overdue: false, inGracePeriod: true, previousVersion: 1 });
    expect(JSON.stringify(listed)).not.toContain("sk-");

    const json = JSON.parse((await cli(["secrets", "reveal", "OPENAI_API_KEY", "--json"])).stdout);
    expect(json).toMatchObject({ name: "OPENAI_API_KEY", version: 2, value: "sk-second", previous: { version: 1, value: "sk-first" } });
    expect((await cli(["secrets", "reveal", "OPENAI_API_KEY", "--previous"])).stdout).toBe("sk-first");
    const onTerminal = await cli(["secrets", "reveal", "OPENAI_API_KEY"], { tty: true });
    expect(onTerminal.stdout).toBe("sk-second\n");
    expect(onTerminal.stderr).toContain("previous version 1 valid until");

    // Referenced by config: refused (409, exit 5); then removed and deleted.
    expect((await cli(["secrets", "delete", "OPENAI_API_KEY", "--yes"])).code).toBe(5);
    expect((await cli(["secrets", "delete", "OPENAI_API_KEY"])).code).toBe(2);
    await server.call("PUT", `/api/v1/projects/${projectId}/config/production`, { token: state.user.token, body: { values: { "openai.apiKey": null } } });
    expect((await cli(["secrets", "delete", "OPENAI_API_KEY", "--yes"])).stdout).toBe("Deleted secret OPENAI_API_KEY.\n");
    expect((await cli(["secrets", "reveal", "OPENAI_API_KEY"])).code).toBe(4);
  });

  it("asks for the value with a hidden prompt on a terminal, and confirms a delete there", async () => {
    const { cli } = await project();
    const set = await cli(["secrets", "set", "TYPED"], { stdinTTY: true, stdin: "typed-value\r" });
    expect(set.code).toBe(0);
    expect(set.rawModes).toEqual([true, false]);
    expect(set.stderr).toBe("Value for TYPED (hidden): \n");
    expect((await cli(["secrets", "reveal", "TYPED"])).stdout).toBe("typed-value");
    const kept = await cli(["secrets", "delete", "TYPED"], { stdinTTY: true, stdin: "n\n" });
    expect(kept).toMatchObject({ code: 0, stdout: "Not deleted.\n" });
    const deleted = await cli(["secrets", "delete", "TYPED"], { stdinTTY: true, stdin: "y\n" });
    expect(deleted).toMatchObject({ code: 0, stdout: "Deleted secret TYPED.\n" });
    expect((await cli(["secrets", "reveal", "TYPED"])).code).toBe(4);
  });

  it("warns when the value is on the command line, and never echoes it", async () => {
    const { cli } = await project();
    const res = await cli(["secrets", "set", "DB_PASSWORD", "--value", "hunter2-secret"]);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain("warning: --value puts the secret in your shell history");
    expect(res.stdout + res.stderr).not.toContain("hunter2-secret");
  });

  it("refuses a missing value, an empty stdin and bad options with exit 2", async () => {
    const { cli } = await project();
    for (const [argv, stdin] of [
      [["secrets", "set", "X"], undefined],
      [["secrets", "set", "X", "--value-stdin"], ""],
      [["secrets", "set", "X", "--value-stdin", "--value", "y"], "z"],
      [["secrets", "set", "bad name!", "--value-stdin"], "v"],
      [["secrets", "set", "X", "--value-stdin", "--rotation-days", "0"], "v"],
      [["secrets", "rotate", "X", "--grace-hours", "1000", "--value-stdin"], "v"],
      [["secrets", "reveal"], undefined],
    ] as [string[], string | undefined][]) {
      const res = await cli(argv, { stdin });
      expect(res.code, argv.join(" ")).toBe(2);
    }
    expect((await cli(["secrets", "rotate", "NOPE", "--value-stdin"], { stdin: "v" })).code).toBe(4);
  });
});

describe("audit", () => {
  it("verifies an intact chain, lists and exports it as JSON Lines", async () => {
    const { cli } = await project();
    await cli(["config", "set", "a=1", "-e", "staging"]);
    const ok = await cli(["audit", "verify"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK audit chain project:[0-9a-f-]+: \d+ entries, every hash matches\.\n$/);
    const json = JSON.parse((await cli(["audit", "verify", "--json"])).stdout);
    expect(json).toMatchObject({ ok: true, firstBroken: null });
    expect(json.entries).toBeGreaterThanOrEqual(2);

    const list = JSON.parse((await cli(["audit", "list", "--json", "--action", "config."])).stdout);
    expect(list.entries.map((e: { action: string }) => e.action)).toEqual(["config.updated"]);

    const exported = await cli(["audit", "export"]);
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { seq: number; hash: string; action: string });
    expect(lines.length).toBe(json.entries);
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(lines.every((l) => /^[0-9a-f]{64}$/.test(l.hash))).toBe(true);
  });

  it("exits 7 naming the first entry altered directly in the database", async () => {
    const { cli, projectId } = await project();
    await cli(["config", "set", "a=1", "-e", "staging"]);
    await cli(["config", "set", "a=2", "-e", "staging"]);
    const rows = await server.app.db.$queryRawUnsafe<{ id: bigint; seq: number }[]>(`SELECT id, seq FROM "AuditEntry" WHERE chain = $1 ORDER BY seq`, `project:${projectId}`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const target = rows[1]!;
    const changed = await server.app.db.$executeRawUnsafe(`UPDATE "AuditEntry" SET metadata = '{"tampered": true}'::jsonb WHERE id = $1`, target.id);
    expect(changed).toBe(1);

    const res = await cli(["audit", "verify"]);
    expect(res.code).toBe(7);
    expect(res.stdout.split("\n")[0]).toBe(`BROKEN audit chain project:${projectId} at entry #${target.seq} (id ${target.id}): entry content does not match its hash (altered)`);
    const json = await cli(["audit", "verify", "--json"]);
    expect(json.code).toBe(7);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBroken: { seq: target.seq, id: String(target.id) }, entry: { seq: target.seq, metadata: { tampered: true } } });
  });
});
