import { BlockList, isIP } from "node:net";
import { currentRequest } from "./request-context";

/**
 * Which `X-Forwarded-For` hops to believe (issue 8). A client can write any X-Forwarded-For it likes,
 * so trusting the first hop lets anyone escape per-IP limits by rotating it. By default no proxy is
 * trusted and the client is the socket's peer; `TRUST_PROXY` names the proxies in front of the server:
 *   - a number N: the N nearest hops are proxies (N = 1 behind one load balancer),
 *   - addresses and CIDRs, comma-separated, or `loopback` / `private`: hops from those are proxies.
 * Walking from the socket peer towards the client, each trusted hop is replaced by the address it
 * forwarded for; the first untrusted one is the client (the algorithm of Express's `trust proxy`).
 */
export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; list: BlockList; spec: string };

const NAMED: Record<string, [string, number, "ipv4" | "ipv6"][]> = {
  loopback: [["127.0.0.0", 8, "ipv4"], ["::1", 128, "ipv6"]],
  private: [["10.0.0.0", 8, "ipv4"], ["172.16.0.0", 12, "ipv4"], ["192.168.0.0", 16, "ipv4"], ["fc00::", 7, "ipv6"]],
};

/** Parses TRUST_PROXY; throws a readable message for anything it does not understand. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? "").trim();
  if (v === "" || v === "0" || v.toLowerCase() === "false" || v.toLowerCase() === "none") return { kind: "none" };
  if (/^\d+$/.test(v)) return { kind: "hops", hops: Number(v) };
  const list = new BlockList();
  for (const raw of v.split(",").map((s) => s.trim()).filter(Boolean)) {
    const named = NAMED[raw.toLowerCase()];
    if (named) {
      for (const [net, prefix, family] of named) list.addSubnet(net, prefix, family);
      continue;
    }
    const [addr, prefix] = raw.split("/");
    const family = isIP(addr ?? "");
    if (!family) throw new Error(`TRUST_PROXY: "${raw}" is not an IP address, CIDR, hop count, "loopback" or "private"`);
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) throw new Error(`TRUST_PROXY: bad prefix length in "${raw}"`);
    list.addSubnet(addr!, bits, family === 4 ? "ipv4" : "ipv6");
  }
  return { kind: "addresses", list, spec: v };
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) as `10.0.0.1`. */
function normalize(addr: string): string {
  const a = addr.trim().replace(/^\[|\]$/g, "");
  return a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

function trusted(list: BlockList, addr: string): boolean {
  const family = isIP(addr);
  return family !== 0 && list.check(addr, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client address of a request from its socket peer and X-Forwarded-For under `trust`. Without a
 * peer (a request that did not come over a socket) there is no address to trust: null.
 */
export function resolveClientIp(remoteAddress: string | null | undefined, forwardedFor: string | null | undefined, trust: TrustProxy): string | null {
  if (!remoteAddress) return null;
  const peer = normalize(remoteAddress);
  if (trust.kind === "none" || !forwardedFor) return peer;
  // nearest first: the peer, then X-Forwarded-For from its right end
  const hops = [peer, ...forwardedFor.split(",").map(normalize).filter(Boolean).reverse()];
  if (trust.kind === "hops") return hops[Math.min(trust.hops, hops.length - 1)]!;
  let i = 0;
  while (i < hops.length - 1 && trusted(trust.list, hops[i]!)) i++;
  return hops[i]!;
}

/** The client address of the request in progress (its socket peer comes from the request context). */
export function requestClientIp(forwardedFor: string | null | undefined, trust: TrustProxy): string | null {
  return resolveClientIp(currentRequest()?.remoteAddress, forwardedFor, trust);
}
