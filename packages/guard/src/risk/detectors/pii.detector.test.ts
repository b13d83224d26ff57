import { describe, expect, it } from "vitest";
import { ipv6FirstGroup, isPublicIpv4, PII_LABELS, piiDetector, piiKind, piiPoints } from "./pii.detector.ts";
import { expectLinearOnAdversarialInputs } from "./test-support.ts";

const detect = (text: string) => piiDetector.detect(text);
const found = (text: string) => detect(text).map((f) => [f.label, text.slice(f.start, f.end)]);

describe("PII detector", () => {
  it.each([
    ["Mail jane.doe+news@mail.example.co.uk today", PII_LABELS.email, "jane.doe+news@mail.example.co.uk"],
    ["Contact: a_b-c%d@sub-domain.example.io.", PII_LABELS.email, "a_b-c%d@sub-domain.example.io"],
    ["Call +44 20 7946 0958 now", PII_LABELS.phone, "+44 20 7946 0958"],
    ["Call +1 (415) 555-2671.", PII_LABELS.phone, "+1 (415) 555-2671"],
    ["Fax +49-30-1234567", PII_LABELS.phone, "+49-30-1234567"],
    ["Tél. +33 1 23 45 67 89", PII_LABELS.phone, "+33 1 23 45 67 89"],
    ["US office (415) 555-2671", PII_LABELS.phone, "(415) 555-2671"],
    ["cell 415-555-2671 or", PII_LABELS.phone, "415-555-2671"],
    ["cell 415.555.2671", PII_LABELS.phone, "415.555.2671"],
    ["toll free 1-800-555-0199", PII_LABELS.phone, "1-800-555-0199"],
    ["card 4111 1111 1111 1111 exp", PII_LABELS.card, "4111 1111 1111 1111"],
    ["card 4111-1111-1111-1111", PII_LABELS.card, "4111-1111-1111-1111"],
    ["card 4111111111111111.", PII_LABELS.card, "4111111111111111"],
    ["amex 3782 822463 10005", PII_LABELS.card, "3782 822463 10005"],
    ["mc 5500 0055 5555 5559", PII_LABELS.card, "5500 0055 5555 5559"],
    ["SSN 123-45-6789 on file", PII_LABELS.ssn, "123-45-6789"],
    ["ssn: 123456789", PII_LABELS.ssn, "123456789"],
    ["Social Security Number 123 45 6789", PII_LABELS.ssn, "123 45 6789"],
    ["NI number AB 12 34 56 C", PII_LABELS.nino, "AB 12 34 56 C"],
    ["NINO AB123456C.", PII_LABELS.nino, "AB123456C"],
    ["SIN 130 692 544", PII_LABELS.sin, "130 692 544"],
    ["SIN 130-692-544", PII_LABELS.sin, "130-692-544"],
    ["pay to DE89 3704 0044 0532 0130 00 please", PII_LABELS.iban, "DE89 3704 0044 0532 0130 00"],
    ["iban GB82WEST12345698765432", PII_LABELS.iban, "GB82WEST12345698765432"],
    ["iban gb82 west 1234 5698 7654 32", PII_LABELS.iban, "gb82 west 1234 5698 7654 32"],
    ["konto NO93 8601 1117 947 BIC DNBANOKK", PII_LABELS.iban, "NO93 8601 1117 947"],
    ["from 8.8.8.8", PII_LABELS.ip, "8.8.8.8"],
    ["client=203.0.113.42;", PII_LABELS.ip, "203.0.113.42"],
    ["addr 2001:db8:85a3::8a2e:370:7334", PII_LABELS.ip, "2001:db8:85a3::8a2e:370:7334"],
    ["dns 2606:4700:4700::1111.", PII_LABELS.ip, "2606:4700:4700::1111"],
    ["full 2001:0db8:0000:0000:0000:ff00:0042:8329", PII_LABELS.ip, "2001:0db8:0000:0000:0000:ff00:0042:8329"],
  ])("finds %j", (text, label, value) => {
    expect(found(text)).toEqual([[label, value]]);
  });

  it.each([
    ["plain numbers", "ids 1234567890 and 5551234567 and 4111111111111112"],
    ["a millisecond timestamp", "at 1700000000000 ms"],
    ["dates and times", "2024-03-18, 12/05/2023, 18.03.2024 at 12:30:45"],
    ["an ISBN and a tracking number", "ISBN 978-3-16-148410-0, parcel 1Z999AA10123456784"],
    ["money and coordinates", "$1,234,567.89 at 40.7128, -74.0060"],
    ["arithmetic", "2+2=4 and x+12345678 and +5"],
    ["a seven-digit local number", "call 555-1234"],
    ["numbers that break NANP rules", "123-456-7890 and (555) 123-4567"],
    ["invalid SSNs", "000-12-3456, 666-12-3456, 912-12-3456, 123-00-4567"],
    ["an unissued NINO prefix", "QQ 12 34 56 C"],
    ["an IBAN with a bad check digit", "DE89 3704 0044 0532 0130 01"],
    ["private and special IPv4", "192.168.1.1 10.0.0.5 127.0.0.1 172.16.0.1 169.254.1.1 100.64.0.1 0.0.0.0 255.255.255.255 224.0.0.1"],
    ["versions and dotted numbers", "v1.2.3.4 and 1.2.3.4.5 and 10.0.19045.2965"],
    ["non-public IPv6, MACs and C++ names", "::1 fe80::1 fd00::1 ff02::1 00:1A:2B:3C:4D:5E std::vector a::b"],
    ["asset names and SSH remotes", "logo@2x.png, git@github.com:org/repo.git, user@localhost"],
    ["spelled-out addresses", "name at example dot com"],
  ])("ignores %s", (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it("reports every occurrence in text order and keeps the first of overlapping matches", () => {
    const text = "a@example.com, +1 415 555 2671, b@example.org";
    expect(found(text)).toEqual([
      [PII_LABELS.email, "a@example.com"],
      [PII_LABELS.phone, "+1 415 555 2671"],
      [PII_LABELS.email, "b@example.org"],
    ]);
  });

  it("scores 15 for one kind and 5 per extra kind, capped at 30; national IDs are one kind", () => {
    expect([0, 1, 2, 3, 4, 6].map(piiPoints)).toEqual([0, 15, 20, 25, 30, 30]);
    expect(piiKind(PII_LABELS.ssn)).toBe(piiKind(PII_LABELS.nino));
    const text = "SSN 123-45-6789, NINO AB123456C";
    const factor = piiDetector.toFactor(detect(text).map((f) => ({ ...f, field: "prompt" })));
    expect(factor.points).toBe(15);
  });

  it("describes kinds and counts per field, never the values", () => {
    const prompt = "a@example.com b@example.com 4111 1111 1111 1111";
    const response = "call +44 20 7946 0958";
    const factor = piiDetector.toFactor([
      ...detect(prompt).map((f) => ({ ...f, field: "prompt" as const })),
      ...detect(response).map((f) => ({ ...f, field: "response" as const })),
    ]);
    expect(factor).toMatchObject({ type: "pii", points: 25 });
    expect(factor.detail).toBe("PII: e-mail address in prompt (2); payment card in prompt (1); phone number in response (1)");
    for (const value of ["a@example.com", "4111", "7946"]) expect(factor.detail).not.toContain(value);
  });

  it("parses IPv6 literals and classifies IPv4 ranges", () => {
    expect(ipv6FirstGroup("2001:db8::1")).toBe(0x2001);
    expect(ipv6FirstGroup("::ffff:192.0.2.1")).toBe(0);
    expect(ipv6FirstGroup("2001:db8::1::2")).toBe(-1);
    expect(ipv6FirstGroup("2001:db8:1:2:3:4:5")).toBe(-1);
    expect(ipv6FirstGroup("12:30:45")).toBe(-1);
    expect(isPublicIpv4(8, 8)).toBe(true);
    expect(isPublicIpv4(172, 32)).toBe(true);
    expect(isPublicIpv4(172, 31)).toBe(false);
  });

  it("stays linear on adversarial input", () => {
    expectLinearOnAdversarialInputs(detect);
  });
});
