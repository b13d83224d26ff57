import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

describe("logger", () => {
  it("redacts authorization headers, keys, tokens, passwords and prompt bodies", () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk: Buffer, _enc, cb) { lines.push(chunk.toString()); cb(); } });
    const log = createLogger({ destination: sink });
    log.info(
      { headers: { authorization: "Bearer eyJsecret" }, apiKey: "lg_abc_def", body: { password: "hunter22", refreshToken: "rt-secret", prompt: "my SSN is 123" } },
      "request",
    );
    const out = lines.join("");
    for (const secret of ["eyJsecret", "lg_abc_def", "hunter22", "rt-secret", "my SSN is 123"]) expect(out).not.toContain(secret);
    expect(out).toContain("[redacted]");
  });
});
