import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "./errors";
import { cell, colorEnabled, formatTable, Output } from "./output";

const sink = (isTTY: boolean) => {
  const s = { text: "", isTTY, write: (c: string) => void (s.text += c) };
  return s;
};

describe("colors", () => {
  it("are on only for a terminal without NO_COLOR or --no-color", () => {
    expect(colorEnabled({ write: () => 0, isTTY: true }, {}, false)).toBe(true);
    expect(colorEnabled({ write: () => 0, isTTY: false }, {}, false)).toBe(false);
    expect(colorEnabled({ write: () => 0, isTTY: true }, { NO_COLOR: "1" }, false)).toBe(false);
    expect(colorEnabled({ write: () => 0, isTTY: true }, {}, true)).toBe(false);
  });

  it("never reach a pipe", () => {
    const stdout = sink(false);
    const stderr = sink(false);
    const out = new Output({ stdout, stderr, env: {}, json: false, noColor: false });
    out.table(["A", "B"], [["1", "2"]]);
    out.error(new CliError("boom", { exitCode: EXIT.ERROR, code: "X" }));
    expect(stdout.text + stderr.text).not.toContain("\u001b[");
    const tty = sink(true);
    new Output({ stdout: tty, stderr: tty, env: {}, json: false, noColor: false }).table(["A"], [["1"]]);
    expect(tty.text).toContain("\u001b[1m");
  });
});

describe("tables and cells", () => {
  it("aligns columns and leaves no trailing spaces", () => {
    expect(formatTable(["KEY", "VALUE"], [["a", "1"], ["longer.key", "2"]])).toBe("KEY         VALUE\na           1\nlonger.key  2\n");
  });

  it("shows values as JSON on one line, cut to the width", () => {
    expect(cell("two\nlines")).toBe('"two\\nlines"');
    expect(cell({ a: 1 })).toBe('{"a":1}');
    expect(cell("x".repeat(100), 10)).toBe(`"xxxxxxxx…`);
  });
});

describe("errors", () => {
  it("print the envelope as JSON on stderr under --json", () => {
    const stderr = sink(false);
    const out = new Output({ stdout: sink(false), stderr, env: {}, json: true, noColor: false });
    out.error(new CliError("Nope", { exitCode: EXIT.REJECTED, code: "CONFLICT", details: { a: 1 } }));
    expect(JSON.parse(stderr.text)).toMatchObject({ error: { code: "CONFLICT", message: "Nope", details: { a: 1 } } });
  });

  it("list validation and unresolvable-config issues for people", () => {
    const stderr = sink(false);
    const out = new Output({ stdout: sink(false), stderr, env: {}, json: false, noColor: false });
    out.error(
      new CliError("Config cannot be resolved", {
        exitCode: EXIT.REJECTED,
        code: "CONFIG_UNRESOLVABLE",
        details: { issues: [{ environment: "staging", key: "db.url", code: "MISSING_REFERENCE", message: "db.host is not set" }] },
      }),
    );
    expect(stderr.text).toBe("error: Config cannot be resolved\n  - staging: db.url: db.host is not set (MISSING_REFERENCE)\n");
  });

  it("only say where when the message already is the issue's", () => {
    const stderr = sink(false);
    const out = new Output({ stdout: sink(false), stderr, env: {}, json: false, noColor: false });
    out.error(new CliError("a must be a number", { exitCode: EXIT.REJECTED, code: "VALIDATION_FAILED", details: { issues: [{ path: "values.a", message: "a must be a number", code: "custom" }] } }));
    expect(stderr.text).toBe("error: a must be a number\n  - values.a\n");
  });
});
