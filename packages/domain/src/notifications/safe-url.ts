import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { DomainError } from "../shared/errors";

/**
 * Where a notification may go (SSRF). A project admin chooses the URL, and the server posts to it: it must
 * not reach the server's own network. https only; the target's every address must be public; http is
 * allowed only for loopback, and private targets only, when the server opted in with
 * NOTIFICATIONS_ALLOW_PRIVATE_URLS=1 (development and tests).
 *
 * The address check runs twice: on the URL (IP literals, refused before any connection) and in the
 * socket's DNS lookup (`guardedLookup`), so the address connected to is the address checked — a name that
 * resolves to a public address when checked and a private one when connecting (DNS rebinding) cannot pass.
 */

/** Non-public IPv4 and IPv6 ranges (RFC 6890 special-purpose, loopback, link-local, private, CGNAT, multicast). */
const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 96], // the unspecified and loopback addresses, and the deprecated IPv4-compatible ::a.b.c.d
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64: an IPv4 address in disguise
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["2002::", 16], // 6to4
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, "ipv6");
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

function family(address: string): "ipv4" | "ipv6" | null {
  const v = isIP(address);
  return v === 4 ? "ipv4" : v === 6 ? "ipv6" : null;
}

/** True for an address that is not on the public internet (IPv4-mapped IPv6 addresses included). */
export function isNonPublicAddress(address: string): boolean {
  const f = family(address);
  return f === null || NON_PUBLIC.check(address, f);
}

export function isLoopbackAddress(address: string): boolean {
  const f = family(address);
  return f !== null && LOOPBACK.check(address, f);
}

export interface UrlPolicy {
  /** NOTIFICATIONS_ALLOW_PRIVATE_URLS: private and loopback targets allowed, http for loopback only. */
  allowPrivate: boolean;
}

/** What a refused URL is called in messages: the secret's name, never the URL (it is a credential). */
function refused(secretName: string, why: string): DomainError {
  return new DomainError("VALIDATION_FAILED", `${secretName} ${why}`, { details: { issues: [{ path: secretName, message: why, code: "invalid_url" }] } });
}

const PRIVATE_HINT = "points to a private, loopback or link-local address; notifications go to public https endpoints only";

/**
 * Checks a destination before any connection: a parseable http(s) URL, https unless the opt-in allows
 * http to loopback, and an IP-literal host must be public (unless opted in). Throws VALIDATION_FAILED
 * naming the secret. Returns the parsed URL.
 */
export function checkDestinationUrl(raw: string, secretName: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refused(secretName, "is not a valid URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw refused(secretName, "must be an https URL");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = family(host) !== null;
  if (url.protocol === "http:") {
    // http only to this machine, and only when the server opted in (local receivers in development and tests).
    const loopbackName = host === "localhost" || host === "localhost." || (literal && isLoopbackAddress(host));
    if (!policy.allowPrivate || !loopbackName) throw refused(secretName, "must be an https URL");
  }
  if (literal && !policy.allowPrivate && isNonPublicAddress(host)) throw refused(secretName, PRIVATE_HINT);
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that refuses, at connect time, names resolving to an address the policy
 * forbids (any of them: a client may try each). http (opted-in loopback only) must resolve to loopback.
 */
export function guardedLookup(secretName: string, policy: UrlPolicy, protocol: "http:" | "https:") {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true } as never, (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
      if (err) return callback(err, "");
      const bad = addresses.find((a) => (protocol === "http:" ? !isLoopbackAddress(a.address) : !policy.allowPrivate && isNonPublicAddress(a.address)));
      if (bad || addresses.length === 0) {
        // The DomainError itself: the socket emits it as it is, and postJson rethrows it (a 4xx, not retried).
        return callback(refused(secretName, protocol === "http:" ? "must be an https URL" : PRIVATE_HINT) as NodeJS.ErrnoException, "");
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
