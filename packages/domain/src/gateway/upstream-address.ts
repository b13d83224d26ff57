import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { isNonPublicAddress } from "../notifications/safe-url";
import { DomainError } from "../shared/errors";

/**
 * Where the gateway may send a project's calls (SSRF, issue 13). A project admin chooses
 * `gateway.upstream.baseUrl` and the server connects to it with the project's provider key: without this
 * check a project could make the server reach its own network (cloud metadata at 169.254.169.254, an
 * internal admin port). Loopback, private, link-local and other non-public addresses are refused unless
 * the operator set GATEWAY_ALLOW_PRIVATE_UPSTREAMS=1 (self-hosted models: vLLM, Ollama).
 *
 * The check runs where the address is known: on the URL for IP literals (node connects to those without
 * a lookup), and in the socket's DNS lookup for names, over every address the name resolves to, so the
 * address connected to is one that was checked (a name that answers public, then private — DNS
 * rebinding — cannot pass).
 */
export interface UpstreamPolicy {
  allowPrivate: boolean;
}

/** The first address of a resolved name that the policy forbids, or null when all may be reached. */
export function forbiddenAddress(addresses: readonly string[], policy: UpstreamPolicy): string | null {
  if (policy.allowPrivate) return null;
  return addresses.find((a) => isNonPublicAddress(a)) ?? null;
}

export function upstreamNotAllowed(host: string): DomainError {
  return new DomainError(
    "UPSTREAM_NOT_ALLOWED",
    `The gateway upstream ${host} is a loopback, private or link-local address; the server refuses such upstreams unless its operator sets GATEWAY_ALLOW_PRIVATE_UPSTREAMS=1`,
    { details: { setting: "gateway.upstream.baseUrl", host } },
  );
}

/** The hostname without IPv6 brackets. */
export const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/** Refuses an http(s) URL whose host is a forbidden IP literal (names are checked at connect time). */
export function assertUpstreamUrl(url: URL, policy: UpstreamPolicy): void {
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new DomainError("VALIDATION_FAILED", "gateway.upstream.baseUrl must be an http(s) URL", { details: { setting: "gateway.upstream.baseUrl" } });
  }
  const host = bareHost(url);
  if (isIP(host) !== 0 && forbiddenAddress([host], policy) !== null) throw upstreamNotAllowed(host);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request: resolves every address of the name and refuses the connection when any
 * of them is forbidden (a client may try each in turn). The error is the DomainError itself; the socket
 * emits it unchanged.
 */
export function upstreamLookup(policy: UpstreamPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true } as never, (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => {
      if (err) return callback(err, "");
      if (addresses.length === 0 || forbiddenAddress(addresses.map((a) => a.address), policy) !== null) {
        return callback(upstreamNotAllowed(hostname) as unknown as NodeJS.ErrnoException, "");
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
