import { combinePoints, PII_KIND_POINTS, PII_LABEL_POINTS, PII_MAX_POINTS, PII_UNKNOWN_KIND_POINTS } from "../calibration.ts";
import { cardBrand, ibanValid, IBAN_LENGTHS, luhnValid } from "./checksums.ts";
import { clampDetail, describeCounts, isWordChar, MAX_FINDINGS_PER_FIELD, toSpans, type Detector, type Finding } from "./detector.ts";
import { scanContextNumbers, scanNames } from "./pii-context.ts";
import { piiFinding, piiKind } from "./pii-kinds.ts";
import { nativeRegex } from "./native-regex.ts";

export { PII_KINDS, PII_LABELS, piiKind, type PiiKind } from "./pii-kinds.ts";

/**
 * Points of the PII factor (calibration.ts): each kind counts once, at the strongest of its findings, and
 * kinds combine as independent evidence up to PII_MAX_POINTS.
 */
export function piiPoints(findings: readonly Finding[]): number {
  const byKind = new Map<string, number>();
  for (const f of findings) {
    const kind = f.kind ?? piiKind(f.label);
    const points = PII_LABEL_POINTS[f.label] ?? PII_KIND_POINTS[kind] ?? PII_UNKNOWN_KIND_POINTS;
    byKind.set(kind, Math.max(byKind.get(kind) ?? 0, points));
  }
  return combinePoints([...byKind.values()], PII_MAX_POINTS);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlnum(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

// ---------------------------------------------------------------- e-mail
// Anchored on "@" and expanded with bounded linear scans (local part ≤ 64, domain ≤ 253 chars), so
// "@"-heavy input costs O(n): every scan stops at the neighbouring "@".

/** "icon@2x.png" is an asset name, not an address. */
const FILE_EXTENSION_TLDS = new Set(["png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tif", "tiff", "pdf", "js", "ts", "css"]);

function isLocalChar(c: number): boolean {
  // A-Z a-z 0-9 . _ % + -
  return isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}
function isDomainChar(c: number): boolean {
  return isAlnum(c) || c === 45 || c === 46;
}

/** RFC 2606 / 6761 names: documentation placeholders, not someone's address. */
/** Reserved for documentation and testing (RFC 2606); ".local" is not: Active Directory domains use it. */
const PLACEHOLDER_DOMAINS = /(?:^|\.)example\.(?:com|org|net)$|\.(?:test|example|invalid)$/i;

function validDomain(domain: string): boolean {
  if (PLACEHOLDER_DOMAINS.test(domain)) return false;
  const labels = domain.split(".");
  if (labels.length < 2) return false;
  for (const l of labels) {
    if (l.length === 0 || l.length > 63 || l.startsWith("-") || l.endsWith("-")) return false;
  }
  const tld = (labels[labels.length - 1] ?? "").toLowerCase();
  return /^[a-z]{2,24}$/.test(tld) && !FILE_EXTENSION_TLDS.has(tld);
}

function scanEmails(text: string, out: Finding[]): void {
  const n = text.length;
  let floor = 0;
  let at = text.indexOf("@");
  while (at >= 0 && out.length < MAX_FINDINGS_PER_FIELD) {
    let s = at;
    while (s > floor && at - s < 64 && isLocalChar(text.charCodeAt(s - 1))) s--;
    while (s < at && text.charCodeAt(s) === 46) s++; // a local part does not start with "."
    let e = at + 1;
    while (e < n && e - at <= 253 && isDomainChar(text.charCodeAt(e))) e++;
    while (e > at + 1 && (text.charCodeAt(e - 1) === 46 || text.charCodeAt(e - 1) === 45)) e--; // sentence-final "." or "-"
    const local = text.slice(s, at);
    // "git@github.com:org/repo" is an SSH remote, not a person.
    if (local.length > 0 && local !== "git" && !local.endsWith(".") && !local.includes("..") && validDomain(text.slice(at + 1, e))) {
      out.push(piiFinding(s, e, "email"));
      floor = e;
      at = text.indexOf("@", e);
    } else {
      at = text.indexOf("@", at + 1);
    }
  }
}

// ---------------------------------------------------------------- phone numbers

/**
 * North American numbers written with separators: "(415) 555-2671", "415-555-2671", "415.555.2671",
 * "+1 415 555 2671". Ten digits without separators are not matched (IDs, amounts), nor are dates.
 */
/**
 * A native scan (US_PHONE_CORE, compiled by nativeRegex: V8 would otherwise leave it interpreted, ten
 * times slower) finds the exchange and line; the number's start is then confirmed by a sticky regex.
 */
const US_PHONE_AT = /(?:\+?1[ .-]?|001[ .-])?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?: ?(?:x|ext\.?) ?\d{1,5})?(?![\w-]|\.\d)/y;

const gluedToPhone = (c: number) => isAlnum(c) || c === 95 || c === 43 || c === 46 || c === 45;

/** The exchange and line every match contains ("ddd[ .-]dddd"); a native scan finds them. */
const US_PHONE_CORE = nativeRegex(/\d{3}[ .-]\d{4}/g);

/** Every match contains "ddd[ .-]dddd" (exchange and line); the number starts at most 13 characters before it. */
function scanUsPhones(text: string, out: Finding[]): void {
  let floor = 0; // a match never starts inside the previous one
  US_PHONE_CORE.lastIndex = 0;
  let core: RegExpExecArray | null;
  while ((core = US_PHONE_CORE.exec(text)) !== null && out.length < MAX_FINDINGS_PER_FIELD) {
    const i = core.index + 3; // the separator between exchange and line
    US_PHONE_CORE.lastIndex = core.index + 1;
    if (i - 3 < floor) continue;
    let m: RegExpExecArray | null = null;
    for (let s = Math.max(floor, i - 16); s <= i - 3 && !m; s++) {
      const c = text.charCodeAt(s);
      if (!(isDigit(c) || c === 40 || c === 43) || (s > 0 && gluedToPhone(text.charCodeAt(s - 1)))) continue;
      US_PHONE_AT.lastIndex = s;
      const hit = US_PHONE_AT.exec(text);
      // The match must use this exchange and line, else a later core finds it.
      if (hit && s + hit[0].length >= i + 5) m = hit;
    }
    if (!m) continue;
    floor = m.index + m[0].length;
    US_PHONE_CORE.lastIndex = floor;
    let digits = m[0].replace(/ ?(?:x|ext\.?) ?\d{1,5}$/, "").replace(/\D/g, "");
    if (digits.length === 11) digits = digits.slice(1);
    else if (digits.length === 13) digits = digits.slice(3);
    // NANP: area code and exchange start with 2–9.
    if (digits.charCodeAt(0) >= 50 && digits.charCodeAt(3) >= 50 && !isBusinessNanp(digits)) out.push(piiFinding(m.index, m.index + m[0].length, "phone"));
  }
}

/** Toll-free area codes: every such number is a business line, not a person's. */
const TOLL_FREE = new Set(["800", "833", "844", "855", "866", "877", "888"]);

/**
 * A North American number (ten digits) that identifies no one: toll-free ("+1 800 555 0142" in a support
 * bot's instructions). The 555-0100…0199 range reserved for fiction still counts: people (and test sets)
 * write it where they mean a phone number, and a number is what redaction should hide.
 */
function isBusinessNanp(digits: string): boolean {
  return TOLL_FREE.has(digits.slice(0, 3));
}

/**
 * International numbers: "+" and a country code, then digits with single separators (space, ".", "-",
 * parentheses), 8–15 digits in all (E.164). A bounded linear scan from each "+".
 */
function scanIntlPhones(text: string, out: Finding[]): void {
  const n = text.length;
  let plus = text.indexOf("+");
  while (plus >= 0 && out.length < MAX_FINDINGS_PER_FIELD) {
    const before = plus > 0 ? text.charCodeAt(plus - 1) : 32;
    if (isDigit(text.charCodeAt(plus + 1)) && !isAlnum(before) && before !== 43) {
      let digits = 0;
      let gap = 0;
      let end = plus + 1;
      let i = plus + 1;
      for (; i < n && i - plus <= 24; i++) {
        const c = text.charCodeAt(i);
        if (isDigit(c)) {
          digits++;
          gap = 0;
          end = i + 1;
        } else if ((c === 32 || c === 46 || c === 45 || c === 40 || c === 41) && gap < 2) {
          gap++;
        } else {
          break;
        }
      }
      const after = end < n ? text.charCodeAt(end) : 32;
      if (digits >= 8 && digits <= 15 && !isAlnum(after) && !(after === 46 && isDigit(text.charCodeAt(end + 1)))) {
        const all = digits === 11 && text.charCodeAt(plus + 1) === 49 ? text.slice(plus + 1, end).replace(/\D/g, "") : "";
        if (!(all.length === 11 && isBusinessNanp(all.slice(1)))) out.push(piiFinding(plus, end, "phone"));
        plus = text.indexOf("+", end);
        continue;
      }
    }
    plus = text.indexOf("+", plus + 1);
  }
}

// ---------------------------------------------------------------- payment cards

/**
 * 13–19 digits, optionally separated by single spaces or dashes; each repetition consumes exactly one digit.
 * The left-boundary lookbehind sits after the first two digits: V8 then only evaluates it where two
 * digits start, which is 2–3× faster on prose than a leading lookbehind.
 */
const CARD = nativeRegex(/\d\d(?<![\d-]\d\d)(?:[ -]?\d){11,17}(?!\d)/g);

function scanCards(text: string, out: Finding[]): void {
  CARD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CARD.exec(text)) !== null && out.length < MAX_FINDINGS_PER_FIELD) {
    const raw = m[0];
    const groups = raw.split(/[ -]/);
    if (groups.length > 1) {
      // Printed cards use one separator kind and groups of 3–6 digits ("4111 1111 1111 1111", "3782 822463 10005").
      const seps = new Set(raw.replace(/\d/g, ""));
      if (seps.size !== 1 || groups.some((g) => g.length < 3 || g.length > 6)) continue;
    }
    const pan = groups.join("");
    if (cardBrand(pan) !== null && luhnValid(pan)) out.push(piiFinding(m.index, m.index + raw.length, "card"));
  }
}

// ---------------------------------------------------------------- national IDs

// US SSN, UK NINO and Canadian SIN as printed, and the labelled or checksummed IDs of other countries, are
// found by the one digit-token pass of pii-context.ts.

// ---------------------------------------------------------------- IBAN

/** Two letters and two check digits: where an IBAN can start (a native scan; scanIbans checks the rest). */
const IBAN_HEAD = nativeRegex(/[A-Za-z]{2}\d\d/g);

/**
 * IBANs in electronic ("DE89370400440532013000") or printed ("DE89 3704 0044 0532 0130 00") form, with
 * the registry length for the country and the ISO 7064 mod-97 check.
 */
function scanIbans(text: string, out: Finding[]): void {
  const n = text.length;
  IBAN_HEAD.lastIndex = 0;
  let head: RegExpExecArray | null;
  while ((head = IBAN_HEAD.exec(text)) !== null && out.length < MAX_FINDINGS_PER_FIELD) {
    const start = head.index;
    IBAN_HEAD.lastIndex = start + 1;
    if (start > 0 && isAlnum(text.charCodeAt(start - 1))) continue;
    const after = text.charCodeAt(start + 4) === 32 ? text.charCodeAt(start + 5) : text.charCodeAt(start + 4);
    if (!isAlnum(after)) continue;
    const country = text.slice(start, start + 2).toUpperCase();
    const length = IBAN_LENGTHS[country];
    if (length === undefined) continue;
    let compact = text.slice(start, start + 4).toUpperCase();
    let end = start + 4;
    if (text.charCodeAt(end) === 32) {
      // Printed: groups of four after single spaces; the last group may be shorter.
      while (compact.length < length && text.charCodeAt(end) === 32) {
        let g = end + 1;
        while (g < n && g - end <= 4 && isAlnum(text.charCodeAt(g))) g++;
        const groupLen = g - end - 1;
        if (groupLen === 0 || (groupLen < 4 && compact.length + groupLen !== length)) break;
        compact += text.slice(end + 1, g).toUpperCase();
        end = g;
      }
    } else {
      let g = end;
      while (g < n && g - start < 35 && isAlnum(text.charCodeAt(g))) g++;
      compact += text.slice(end, g).toUpperCase();
      end = g;
    }
    if (compact.length === length && !isAlnum(text.charCodeAt(end)) && ibanValid(compact)) {
      out.push(piiFinding(start, end, "iban"));
      IBAN_HEAD.lastIndex = end;
    }
  }
}

// ---------------------------------------------------------------- IP addresses

const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

/** End of a decimal octet (0–255, no leading zero) that starts at i, or -1. */
function octetEnd(text: string, i: number): number {
  let e = i;
  while (e < text.length && e - i < 4 && isDigit(text.charCodeAt(e))) e++;
  const len = e - i;
  if (len === 0 || len > 3 || (len > 1 && text.charCodeAt(i) === 48)) return -1;
  return len === 3 && Number(text.slice(i, e)) > 255 ? -1 : e;
}

/**
 * Only publicly routable addresses identify someone: private (RFC 1918), CGNAT, loopback, link-local,
 * multicast, reserved and unspecified addresses are skipped. Documentation ranges (192.0.2.0/24 …) look
 * like public addresses and count.
 */
export function isPublicIpv4(a: number, b: number): boolean {
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  return !(a === 192 && b === 168);
}

/**
 * Dotted quads not glued to a word or a longer dotted number, so "v1.2.3.4" and "1.2.3.4.5" are not
 * addresses. Located by indexOf(".") and checked by hand: a dot is rarer than a digit in prose.
 */
function scanIpv4(text: string, out: Finding[]): void {
  const n = text.length;
  let dot = text.indexOf(".");
  while (dot > 0 && out.length < MAX_FINDINGS_PER_FIELD) {
    let s = dot;
    while (s > 0 && dot - s < 3 && isDigit(text.charCodeAt(s - 1))) s--;
    const before = s > 0 ? text.charCodeAt(s - 1) : 32;
    let e = s < dot && !(isAlnum(before) || before === 95 || before === 46) ? octetEnd(text, s) : -1;
    let ok = e === dot;
    for (let k = 0; ok && k < 3; k++) {
      if (text.charCodeAt(e) !== 46) ok = false;
      else e = octetEnd(text, e + 1);
      if (e < 0) ok = false;
    }
    const after = ok && e < n ? text.charCodeAt(e) : 32;
    if (ok && !(isAlnum(after) || after === 95) && !(after === 46 && isDigit(text.charCodeAt(e + 1)))) {
      const [a, b] = text.slice(s, e).split(".").map(Number);
      if (isPublicIpv4(a ?? 0, b ?? 0)) out.push(piiFinding(s, e, "ip"));
      dot = text.indexOf(".", e + 1);
      continue;
    }
    dot = text.indexOf(".", dot + 1);
  }
}

const IPV4_EXACT = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** Parses an IPv6 literal (optionally with a dotted IPv4 tail); returns its first 16-bit group, or -1 if invalid. */
export function ipv6FirstGroup(s: string): number {
  let body = s;
  const lastColon = s.lastIndexOf(":");
  if (s.indexOf(".", lastColon) >= 0) {
    if (!IPV4_EXACT.test(s.slice(lastColon + 1))) return -1;
    body = `${s.slice(0, lastColon + 1)}0:0`; // the IPv4 tail stands for two groups
  }
  const halves = body.split("::");
  if (halves.length > 2) return -1;
  const parse = (h: string): string[] | null => {
    if (h === "") return [];
    const groups = h.split(":");
    return groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) ? groups : null;
  };
  const head = parse(halves[0] ?? "");
  const tail = halves.length === 2 ? parse(halves[1] ?? "") : [];
  if (!head || !tail) return -1;
  const count = head.length + tail.length;
  if (halves.length === 1 ? count !== 8 : count > 7) return -1;
  return head.length > 0 ? parseInt(head[0] ?? "0", 16) : 0;
}

function isIpv6Char(c: number): boolean {
  return isHex(c) || c === 58 || c === 46;
}

/** Linear: each maximal run of hex digits, ":" and "." around a colon is examined once. */
function scanIpv6(text: string, out: Finding[]): void {
  const n = text.length;
  let floor = 0;
  let colon = text.indexOf(":");
  while (colon >= 0 && out.length < MAX_FINDINGS_PER_FIELD) {
    let s = colon;
    while (s > floor && isIpv6Char(text.charCodeAt(s - 1))) s--;
    let e = colon + 1;
    while (e < n && isIpv6Char(text.charCodeAt(e))) e++;
    while (e > colon + 1 && text.charCodeAt(e - 1) === 46) e--; // sentence-final "."
    floor = e;
    const before = s > 0 ? text.charCodeAt(s - 1) : 32;
    const after = e < n ? text.charCodeAt(e) : 32;
    if (e - s >= 6 && e - s <= 45 && !isWordChar(before) && !isWordChar(after)) {
      const first = ipv6FirstGroup(text.slice(s, e));
      // Global unicast is 2000::/3; everything else is loopback, link-local, ULA, multicast or reserved.
      if (first >= 0x2000 && first <= 0x3fff) out.push(piiFinding(s, e, "ip"));
    }
    colon = text.indexOf(":", Math.max(e, colon + 1));
  }
}

// ---------------------------------------------------------------- detector

/** Keeps the first of overlapping findings (input sorted by start). */
function dropOverlaps(sorted: Finding[]): Finding[] {
  const kept: Finding[] = [];
  let lastEnd = -1;
  for (const f of sorted) {
    if (f.start >= lastEnd) {
      kept.push(f);
      lastEnd = f.end;
    }
  }
  return kept;
}

export const SCANNERS = [scanEmails, scanIntlPhones, scanUsPhones, scanCards, scanIbans, scanIpv4, scanIpv6, scanContextNumbers, scanNames];

/** The scanners none of whose findings can lack an ASCII digit: skipped on text without one (most chat prompts). */
const NEEDS_DIGIT: ReadonlySet<(typeof SCANNERS)[number]> = new Set([scanIntlPhones, scanUsPhones, scanCards, scanIbans, scanIpv4, scanContextNumbers]);
const DIGIT = nativeRegex(/\d/);

/**
 * E-mail addresses, phone numbers (international "+CC …" and North American formats), Luhn-valid payment
 * cards of known networks, national IDs (US SSN with SSA area rules, UK NINO, Canadian SIN), mod-97-valid
 * IBANs and public IPv4/IPv6 addresses. Details carry kinds and counts only, never values.
 */
export const piiDetector: Detector = {
  type: "pii",
  detect(text) {
    // Each scanner caps its own list, so 200 e-mail addresses cannot hide a card number (and its points).
    const out: Finding[] = [];
    const hasDigit = DIGIT.test(text);
    for (const scan of SCANNERS) {
      if (!hasDigit && NEEDS_DIGIT.has(scan)) continue;
      const own: Finding[] = [];
      scan(text, own);
      out.push(...own);
    }
    return dropOverlaps(out.sort((a, b) => a.start - b.start || b.end - a.end));
  },
  toFactor(findings) {
    return {
      type: "pii",
      points: piiPoints(findings),
      detail: clampDetail(`PII: ${describeCounts(findings)}`),
      spans: toSpans(findings),
    };
  },
};
