import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeDatabase, migrateDeploy, resolveDatabase } from "./migrate.mjs";
import { DEFAULT_PGLITE_DIR } from "./paths.mjs";

// The start-up's database choice and its log line (ARCHITECTURE decision 2), and a failed migration. Applying
// migrations to real databases is migrations.int.test.ts.
describe("resolveDatabase", () => {
  it("picks PostgreSQL when DATABASE_URL is set and leaves PGLITE_DIR alone", () => {
    const env: Record<string, string | undefined> = { DATABASE_URL: "postgresql://u:p@db:5432/app", PGLITE_DIR: "ignored" };
    expect(resolveDatabase(env)).toEqual({ kind: "postgres", url: "postgresql://u:p@db:5432/app" });
    expect(env.PGLITE_DIR).toBe("ignored");
  });

  it("falls back to the embedded folder, made absolute and written back for the migration child", () => {
    const env: Record<string, string | undefined> = { PGLITE_DIR: "some/relative/dir" };
    const expected = path.join(process.cwd(), "some", "relative", "dir");
    expect(resolveDatabase(env)).toEqual({ kind: "embedded", dataDir: expected });
    expect(env.PGLITE_DIR).toBe(expected);
  });

  it("uses <repo root>/.data/pglite when neither is set (an empty DATABASE_URL counts as unset)", () => {
    const env: Record<string, string | undefined> = { DATABASE_URL: "" };
    expect(resolveDatabase(env)).toEqual({ kind: "embedded", dataDir: DEFAULT_PGLITE_DIR });
    expect(DEFAULT_PGLITE_DIR).toBe(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..", ".data", "pglite"));
  });
});

describe("describeDatabase", () => {
  it.each([
    ["postgresql://admin:s3cret@db.example.com:6543/llmguard", "PostgreSQL at db.example.com:6543/llmguard"],
    ["postgres://admin:s3cret@db.example.com/my%20db?sslmode=require", "PostgreSQL at db.example.com/my db"],
    ["postgresql://admin:s3cret@db.example.com", "PostgreSQL at db.example.com/postgres"],
    ["not a url with password s3cret", "PostgreSQL"],
  ])("describes %s without its credentials", (url, expected) => {
    const text = describeDatabase({ kind: "postgres", url });
    expect(text).toBe(expected);
    expect(text).not.toContain("s3cret");
    expect(text).not.toContain("admin");
  });

  it("names the embedded folder", () => {
    expect(describeDatabase({ kind: "embedded", dataDir: "/srv/llmguard/pglite" })).toBe("embedded PGlite at /srv/llmguard/pglite");
  });
});

describe("migrateDeploy", () => {
  it("rejects with the CLI's exit code and output when the database cannot be reached", async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const failure = await migrateDeploy({ target: { kind: "postgres", url: "postgresql://postgres@127.0.0.1:1/none" } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^prisma migrate deploy failed \(exit [1-9]\d*\):\n\S/);
  });
});
