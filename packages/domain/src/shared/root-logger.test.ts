import { describe, expect, it } from "vitest";
import { createRootLogger } from "./root-logger.mjs";

function capture(): { lines: Record<string, unknown>[]; destination: { write: (line: string) => void } } {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

describe("the root logger (server.mjs's process logger and domain's createLogger)", () => {
  it("redacts an authorization header and a password field, at the top level and nested", () => {
    const { lines, destination } = capture();
    const log = createRootLogger({ destination });
    log.warn({ authorization: "Bearer top-secret", password: "hunter22", headers: { authorization: "Bearer nested", cookie: "sid=abc" }, body: { password: "pw2" } }, "request");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      authorization: "[redacted]",
      password: "[redacted]",
      headers: { authorization: "[redacted]", cookie: "[redacted]" },
      body: { password: "[redacted]" },
      msg: "request",
      level: 40,
      pid: process.pid,
    });
    expect(JSON.stringify(lines)).not.toMatch(/top-secret|hunter22|nested|sid=abc|pw2/);
  });

  it("keeps the access-log fields as they are and writes an ISO time", () => {
    const { lines, destination } = capture();
    createRootLogger({ destination }).info({ requestId: "r-1", method: "GET", path: "/api/health", status: 200, durationMs: 1.5 }, "request");
    expect(lines[0]).toMatchObject({ requestId: "r-1", method: "GET", path: "/api/health", status: 200, durationMs: 1.5, msg: "request" });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("honours the level", () => {
    const { lines, destination } = capture();
    const log = createRootLogger({ level: "warn", destination });
    log.info("hidden");
    log.warn("shown");
    expect(lines.map((l) => l.msg)).toEqual(["shown"]);
  });
});
