import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { basicCredentials, parseSignatureHeader, signDatadogBody, verifyDatadogCredentials, verifySignature } from "./datadog-auth";

const secret = "lgdd_test-secret-value";
const projectId = "5f0c7a8e-1b2c-4d3e-8f90-a1b2c3d4e5f6";
const body = Buffer.from('{"id":"1","alert_transition":"Triggered"}', "utf8");
const now = 1_800_000_000;

/** Written out here with node:crypto, not with the code under test. */
function header(t: number, key = secret, raw: Buffer = body): string {
  return `t=${t},v1=${createHmac("sha256", key).update(`${t}.${raw.toString("utf8")}`).digest("hex")}`;
}
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("X-LLMGuard-Signature", () => {
  it("accepts a signature of this body made with the secret", () => {
    expect(verifySignature({ secret, header: header(now), rawBody: body, nowSeconds: now })).toBe(true);
    expect(signDatadogBody(secret, body, now)).toBe(header(now));
  });

  it("refuses a signature made with another secret", () => {
    expect(verifySignature({ secret, header: header(now, "lgdd_other"), rawBody: body, nowSeconds: now })).toBe(false);
  });

  it("refuses a signature of another body", () => {
    expect(verifySignature({ secret, header: header(now), rawBody: Buffer.from('{"id":"2"}'), nowSeconds: now })).toBe(false);
  });

  it("accepts t up to 5 minutes away and refuses it beyond, in the past and in the future", () => {
    expect(verifySignature({ secret, header: header(now - 300), rawBody: body, nowSeconds: now })).toBe(true);
    expect(verifySignature({ secret, header: header(now + 300), rawBody: body, nowSeconds: now })).toBe(true);
    expect(verifySignature({ secret, header: header(now - 301), rawBody: body, nowSeconds: now })).toBe(false);
    expect(verifySignature({ secret, header: header(now + 301), rawBody: body, nowSeconds: now })).toBe(false);
  });

  it("accepts any one matching v1 among several (a relay rotating its key)", () => {
    const good = header(now).split(",v1=")[1]!;
    expect(verifySignature({ secret, header: `t=${now},v1=${"0".repeat(64)},v1=${good}`, rawBody: body, nowSeconds: now })).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["no t", `v1=${"a".repeat(64)}`],
    ["no v1", `t=${now}`],
    ["t not a number", `t=soon,v1=${"a".repeat(64)}`],
    ["two t", `t=${now},t=${now},v1=${"a".repeat(64)}`],
    ["v1 not hex", `t=${now},v1=${"z".repeat(64)}`],
    ["v1 too short", `t=${now},v1=abcd`],
    ["no equals sign", `t${now};v1`],
  ])("refuses a malformed header (%s)", (_name, value) => {
    expect(parseSignatureHeader(value)).toBeNull();
    expect(verifySignature({ secret, header: value, rawBody: body, nowSeconds: now })).toBe(false);
  });

  it("reads t and the v1 values of a well-formed header", () => {
    expect(parseSignatureHeader(`t=${now}, v1=${"AB".repeat(32)}`)).toEqual({ t: now, v1: ["ab".repeat(32)] });
  });
});

describe("verifyDatadogCredentials", () => {
  const check = (credentials: Parameters<typeof verifyDatadogCredentials>[0]["credentials"]) => verifyDatadogCredentials({ projectId, secret, credentials, rawBody: body, nowSeconds: now });

  it("accepts HTTP Basic with the project id as user and the secret as password", () => {
    expect(check({ authorization: basic(projectId, secret) })).toBe("basic");
    expect(check({ authorization: basic(projectId.toUpperCase(), secret) })).toBe("basic");
  });

  it("refuses HTTP Basic with another user or a wrong password", () => {
    expect(check({ authorization: basic("9f0c7a8e-1b2c-4d3e-8f90-a1b2c3d4e5f6", secret) })).toBeNull();
    expect(check({ authorization: basic(projectId, `${secret}x`) })).toBeNull();
    expect(check({ authorization: basic(projectId, "") })).toBeNull();
    expect(check({ authorization: `Bearer ${secret}` })).toBeNull();
  });

  it("accepts the secret header and refuses a wrong or empty one", () => {
    expect(check({ secretHeader: secret })).toBe("header");
    expect(check({ secretHeader: secret.slice(0, -1) })).toBeNull();
    expect(check({ secretHeader: "" })).toBeNull();
  });

  it("accepts a fresh signature and refuses a stale one", () => {
    expect(check({ signature: header(now) })).toBe("signature");
    expect(check({ signature: header(now - 3600) })).toBeNull();
  });

  it("refuses a request with no credentials", () => {
    expect(check({})).toBeNull();
  });

  it("is satisfied by one valid method even when another is wrong", () => {
    expect(check({ secretHeader: "wrong", authorization: basic(projectId, secret) })).toBe("basic");
  });
});

describe("basicCredentials", () => {
  it("splits at the first colon and refuses what is not Basic", () => {
    expect(basicCredentials(basic("u", "p:with:colons"))).toEqual({ user: "u", password: "p:with:colons" });
    expect(basicCredentials(`Basic ${Buffer.from("nocolon").toString("base64")}`)).toBeNull();
    expect(basicCredentials("Basic !!!")).toBeNull();
    expect(basicCredentials(null)).toBeNull();
  });
});
