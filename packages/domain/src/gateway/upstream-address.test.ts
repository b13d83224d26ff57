import { describe, expect, it } from "vitest";
import { isDomainError } from "../shared/errors";
import { assertUpstreamUrl, forbiddenAddress, upstreamLookup } from "./upstream-address";

const strict = { allowPrivate: false };
const open = { allowPrivate: true };

describe("forbiddenAddress (every resolved address must be public)", () => {
  const table: [string[], string | null][] = [
    [["8.8.8.8"], null],
    [["2606:4700:4700::1111"], null],
    [["104.18.6.192", "104.18.7.192"], null],
    [["127.0.0.1"], "127.0.0.1"],
    [["::1"], "::1"],
    [["10.0.0.7"], "10.0.0.7"],
    [["172.20.1.1"], "172.20.1.1"],
    [["192.168.1.10"], "192.168.1.10"],
    [["169.254.169.254"], "169.254.169.254"],
    [["fe80::1"], "fe80::1"],
    [["fd00::5"], "fd00::5"],
    [["::ffff:127.0.0.1"], "::ffff:127.0.0.1"],
    [["0.0.0.0"], "0.0.0.0"],
    // One private address among public ones is enough to refuse: a client may connect to any of them.
    [["8.8.8.8", "10.1.2.3"], "10.1.2.3"],
  ];
  it.each(table)("%j → %s", (addresses, expected) => {
    expect(forbiddenAddress(addresses, strict)).toBe(expected);
  });

  it("allows every address when the operator opted in", () => {
    expect(forbiddenAddress(["127.0.0.1", "10.0.0.1", "169.254.169.254"], open)).toBeNull();
  });
});

describe("assertUpstreamUrl", () => {
  const code = (url: string, policy = strict) => {
    try {
      assertUpstreamUrl(new URL(url), policy);
      return "ok";
    } catch (err) {
      return isDomainError(err) ? err.code : "other";
    }
  };

  it("refuses private IP literals before any connection", () => {
    expect(code("http://127.0.0.1:8000/v1")).toBe("UPSTREAM_NOT_ALLOWED");
    expect(code("http://[::1]:11434/v1")).toBe("UPSTREAM_NOT_ALLOWED");
    expect(code("http://169.254.169.254/latest")).toBe("UPSTREAM_NOT_ALLOWED");
    expect(code("https://10.0.0.5/v1")).toBe("UPSTREAM_NOT_ALLOWED");
  });

  it("leaves names to the connect-time lookup and allows public literals", () => {
    expect(code("https://api.openai.com/v1")).toBe("ok");
    expect(code("https://8.8.8.8/v1")).toBe("ok");
  });

  it("allows private literals with GATEWAY_ALLOW_PRIVATE_UPSTREAMS", () => {
    expect(code("http://127.0.0.1:8000/v1", open)).toBe("ok");
  });

  it("refuses schemes other than http(s)", () => {
    expect(code("file:///etc/passwd")).toBe("VALIDATION_FAILED");
  });
});

describe("upstreamLookup", () => {
  const resolve = (host: string, policy: { allowPrivate: boolean }) =>
    new Promise<{ err: unknown; address: unknown }>((r) => upstreamLookup(policy)(host, { all: true }, (err, address) => r({ err, address })));

  it("refuses a name that resolves to loopback", async () => {
    const { err } = await resolve("localhost", strict);
    expect(isDomainError(err) && err.code).toBe("UPSTREAM_NOT_ALLOWED");
  });

  it("resolves it when the operator opted in", async () => {
    const { err, address } = await resolve("localhost", open);
    expect(err).toBeNull();
    expect((address as { address: string }[]).length).toBeGreaterThan(0);
  });
});
