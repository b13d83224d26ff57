import { describe, expect, it } from "vitest";
import { parseTrustProxy, resolveClientIp } from "./client-ip";

describe("client address behind proxies (TRUST_PROXY)", () => {
  it("trusts no forwarded header by default: the socket peer is the client", () => {
    const none = parseTrustProxy(undefined);
    expect(resolveClientIp("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(resolveClientIp("::ffff:203.0.113.9", "1.2.3.4, 5.6.7.8", none)).toBe("203.0.113.9");
    expect(resolveClientIp(null, "1.2.3.4", none)).toBeNull();
  });

  it("with N hops, the N nearest addresses are proxies and the one before them is the client", () => {
    const one = parseTrustProxy("1");
    expect(resolveClientIp("10.0.0.2", "198.51.100.7", one)).toBe("198.51.100.7");
    // a client-forged first hop is left of the one the load balancer appended: ignored
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 198.51.100.7", one)).toBe("198.51.100.7");
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.3", parseTrustProxy("2"))).toBe("198.51.100.7");
    // more hops trusted than present: the farthest address there is
    expect(resolveClientIp("10.0.0.2", "198.51.100.7", parseTrustProxy("5"))).toBe("198.51.100.7");
    // no header: the peer
    expect(resolveClientIp("10.0.0.2", null, one)).toBe("10.0.0.2");
  });

  it("with addresses and CIDRs, walks left past trusted hops only", () => {
    const lb = parseTrustProxy("10.0.0.0/8, 192.0.2.1");
    expect(resolveClientIp("10.1.2.3", "6.6.6.6, 198.51.100.7, 192.0.2.1", lb)).toBe("198.51.100.7");
    // the peer is not a configured proxy: its X-Forwarded-For is not believed
    expect(resolveClientIp("203.0.113.9", "198.51.100.7", lb)).toBe("203.0.113.9");
    expect(resolveClientIp("127.0.0.1", "198.51.100.7", parseTrustProxy("loopback"))).toBe("198.51.100.7");
    expect(resolveClientIp("::1", "2001:db8::5", parseTrustProxy("loopback"))).toBe("2001:db8::5");
  });

  it("refuses values it does not understand, with the value named", () => {
    expect(() => parseTrustProxy("yes please")).toThrow(/yes please/);
    expect(() => parseTrustProxy("10.0.0.0/40")).toThrow(/prefix/);
    expect(parseTrustProxy("false")).toEqual({ kind: "none" });
  });
});
