import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { meetsMinSeverity } from "./notification.service";
import { checkDestinationUrl, isNonPublicAddress } from "./safe-url";
import { signatureHeader } from "./signature";

describe("isNonPublicAddress", () => {
  const table: [string, boolean][] = [
    ["127.0.0.1", true],
    ["127.255.0.9", true],
    ["10.1.2.3", true],
    ["172.16.0.1", true],
    ["172.31.255.255", true],
    ["172.32.0.1", false],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["224.0.0.1", true],
    ["255.255.255.255", true],
    ["8.8.8.8", false],
    ["52.95.110.1", false],
    ["::1", true],
    ["::", true],
    ["fe80::1", true],
    ["fd12:3456::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:10.0.0.1", true],
    ["::ffff:8.8.8.8", false],
    ["::7f00:1", true], // IPv4-compatible ::127.0.0.1 (deprecated form)
    ["64:ff9b::a00:1", true],
    ["2606:4700:4700::1111", false],
    ["not an address", true],
  ];
  it.each(table)("%s → %s", (address, expected) => {
    expect(isNonPublicAddress(address)).toBe(expected);
  });
});

describe("checkDestinationUrl", () => {
  const strict = { allowPrivate: false };
  const optIn = { allowPrivate: true };
  const refused = (url: string, policy: { allowPrivate: boolean }) => {
    try {
      checkDestinationUrl(url, "NOTIFY_WEBHOOK_URL", policy);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };

  it("accepts public https URLs (names are checked again when connecting)", () => {
    expect(refused("https://hooks.slack.com/services/T0/B0/xyz", strict)).toBeNull();
    expect(refused("https://8.8.8.8:8443/hook", strict)).toBeNull();
  });

  it("refuses http, other schemes and garbage, naming the secret, never the URL", () => {
    expect(refused("http://hooks.example.com/x", strict)).toBe("NOTIFY_WEBHOOK_URL must be an https URL");
    expect(refused("http://hooks.example.com/x", optIn)).toBe("NOTIFY_WEBHOOK_URL must be an https URL");
    expect(refused("gopher://example.com/", strict)).toBe("NOTIFY_WEBHOOK_URL must be an https URL");
    expect(refused("not a url", strict)).toBe("NOTIFY_WEBHOOK_URL is not a valid URL");
  });

  it("refuses private IP literals unless opted in, and allows http only to loopback with the opt-in", () => {
    const privateMsg = "NOTIFY_WEBHOOK_URL points to a private, loopback or link-local address; notifications go to public https endpoints only";
    expect(refused("https://192.168.0.10/hook", strict)).toBe(privateMsg);
    expect(refused("https://[fd00::1]/hook", strict)).toBe(privateMsg);
    expect(refused("https://2130706433/hook", strict)).toBe(privateMsg); // 127.0.0.1 written as a number
    expect(refused("https://192.168.0.10/hook", optIn)).toBeNull();
    expect(refused("http://127.0.0.1:8080/hook", optIn)).toBeNull();
    expect(refused("http://localhost:8080/hook", optIn)).toBeNull();
    expect(refused("http://192.168.0.10/hook", optIn)).toBe("NOTIFY_WEBHOOK_URL must be an https URL");
    expect(refused("http://127.0.0.1:8080/hook", strict)).toBe("NOTIFY_WEBHOOK_URL must be an https URL");
  });
});

describe("signatureHeader", () => {
  it("is t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\"> with the secret", () => {
    const body = '{"type":"incident.opened"}';
    const header = signatureHeader("whsec_example", body, new Date("2026-12-06T10:00:00.900Z"));
    const expected = createHmac("sha256", "whsec_example").update(`1796551200.${body}`).digest("hex");
    expect(header).toBe(`t=1796551200,v1=${expected}`);
  });
});

describe("meetsMinSeverity", () => {
  const table: [Parameters<typeof meetsMinSeverity>[1], ("low" | "medium" | "high" | "critical")[]][] = [
    ["off", []],
    ["low", ["low", "medium", "high", "critical"]],
    ["medium", ["medium", "high", "critical"]],
    ["high", ["high", "critical"]],
    ["critical", ["critical"]],
  ];
  it.each(table)("minimum %s notifies %j", (min, notified) => {
    expect((["low", "medium", "high", "critical"] as const).filter((s) => meetsMinSeverity(s, min))).toEqual(notified);
  });
});
