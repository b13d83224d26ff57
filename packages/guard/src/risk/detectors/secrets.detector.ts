import { clampDetail, describeCounts, MAX_FINDINGS_PER_FIELD, toSpans, type Detector, type Finding } from "./detector.ts";
import { decodeBase64Prefix } from "./encoding.ts";

export const SECRET_POINTS = 30;

/**
 * "AKIA…XYZW": the public, type-identifying prefix, an ellipsis and the last four characters, and only the
 * ellipsis when the value is too short for that to hide at least 12 characters. Nothing else of a secret
 * ever reaches a detail.
 */
export function maskSecret(value: string, visiblePrefix: number): string {
  const prefix = value.slice(0, visiblePrefix);
  return value.length >= visiblePrefix + 16 ? `${prefix}…${value.slice(-4)}` : `${prefix}…`;
}

function isTokenChar(c: number): boolean {
  // A-Z a-z 0-9 _ -
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}

function hasDigitAndLetter(s: string): boolean {
  return /\d/.test(s) && /[A-Za-z]/.test(s);
}

/** AWS documentation examples (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY) are placeholders. */
function isAwsExample(s: string): boolean {
  return s.includes("EXAMPLE");
}

interface SecretRule {
  /** Regex source of the literal prefix that locates a candidate (case-sensitive, no capturing groups). */
  anchor: string;
  /** Sticky, bounded regex applied at the anchor position. */
  body: RegExp;
  label: string;
  /** Characters of the value that may be shown (the public prefix). */
  visiblePrefix: number;
  valid?: (value: string) => boolean;
}

// Every body is `prefix` + one bounded character class + a negative lookahead: no nested quantifiers.
const TOKEN_RULES: readonly SecretRule[] = [
  { anchor: "sk-ant-", body: /sk-ant-[A-Za-z0-9_-]{32,250}(?![A-Za-z0-9_-])/y, label: "Anthropic API key", visiblePrefix: 7 },
  {
    anchor: "sk-(?:proj|svcacct|admin|None)-",
    body: /sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,250}(?![A-Za-z0-9_-])/y,
    label: "OpenAI API key",
    visiblePrefix: 8,
  },
  { anchor: "sk-", body: /sk-[A-Za-z0-9]{32,100}(?![A-Za-z0-9_-])/y, label: "OpenAI API key", visiblePrefix: 3, valid: hasDigitAndLetter },
  { anchor: "sk_live_", body: /sk_live_[A-Za-z0-9]{20,250}(?![A-Za-z0-9])/y, label: "Stripe secret key", visiblePrefix: 8 },
  { anchor: "rk_live_", body: /rk_live_[A-Za-z0-9]{20,250}(?![A-Za-z0-9])/y, label: "Stripe restricted key", visiblePrefix: 8 },
  { anchor: "gh[pousr]_", body: /gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9])/y, label: "GitHub token", visiblePrefix: 4 },
  { anchor: "github_pat_", body: /github_pat_[A-Za-z0-9_]{50,240}(?![A-Za-z0-9_])/y, label: "GitHub token", visiblePrefix: 11 },
  { anchor: "xox[baprs]-", body: /xox[baprs]-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])/y, label: "Slack token", visiblePrefix: 5, valid: (v) => /\d/.test(v) },
  { anchor: "AIza", body: /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/y, label: "Google API key", visiblePrefix: 4 },
  {
    anchor: "A[KS]IA",
    body: /A[KS]IA[A-Z0-9]{16}(?![A-Za-z0-9])/y,
    label: "AWS access key",
    visiblePrefix: 4,
    valid: (v) => !isAwsExample(v),
  },
];

const ANCHORS = new RegExp(
  [...TOKEN_RULES.map((r) => `(${r.anchor})`), "(-----BEGIN )", "(eyJ)", "(://)"].join("|"),
  "g",
);
const PEM_GROUP = TOKEN_RULES.length + 1;
const JWT_GROUP = TOKEN_RULES.length + 2;
const URL_GROUP = TOKEN_RULES.length + 3;

// ---------------------------------------------------------------- private keys

const PEM_HEADER = /-----BEGIN ((?:[A-Z0-9]{1,20} ){0,3})PRIVATE KEY(?: BLOCK)?-----/y;
/** How far to look for the matching END line when building the span. */
const PEM_MAX_BODY = 20_000;

function matchPem(text: string, i: number): Finding | null {
  PEM_HEADER.lastIndex = i;
  const m = PEM_HEADER.exec(text);
  if (!m) return null;
  const headerEnd = i + m[0].length;
  const endMarker = text.indexOf("-----END ", headerEnd);
  let end = headerEnd;
  if (endMarker >= 0 && endMarker - headerEnd <= PEM_MAX_BODY) {
    const close = text.indexOf("-----", endMarker + 9);
    end = close >= 0 && close - endMarker <= 60 ? close + 5 : endMarker;
  }
  const kind = (m[1] ?? "").trim();
  return { start: i, end, label: kind ? `${kind} private key block` : "private key block" };
}

// ---------------------------------------------------------------- JWTs

const JWT = /eyJ[A-Za-z0-9_-]{10,2000}\.[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{0,2000}(?![A-Za-z0-9_.-])/y;

function matchJwt(text: string, i: number): Finding | null {
  JWT.lastIndex = i;
  const m = JWT.exec(text);
  if (!m) return null;
  const dot = m[0].indexOf(".");
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(decodeBase64Prefix(text, i, i + dot)));
  } catch {
    return null;
  }
  if (typeof header !== "object" || header === null) return null;
  const alg: unknown = (header as Record<string, unknown>).alg;
  if (typeof alg !== "string") return null;
  const safeAlg = /^[A-Za-z0-9]{1,10}$/.test(alg) ? alg : "unknown";
  return { start: i, end: i + m[0].length, label: `JWT (alg ${safeAlg})` };
}

// ---------------------------------------------------------------- passwords in URLs

/** After "://": user (no ":" or "@"), ":", password (no "@", "/", "?", "#"), "@", host. Disjoint classes, bounded. */
const URL_CREDENTIALS = /([^\s:/?#@]{1,128}):([^\s/?#@]{1,256})@([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])/y;
/** Documentation placeholders are not leaked credentials. */
const PLACEHOLDER_PASSWORD =
  /^(?:\*{1,256}|x{1,256}|\.{1,256}|•{1,256}|<[^>]{0,250}>|\$\{[^}]{0,250}\}|\{\{?[^}]{0,250}\}?\}|\$[A-Za-z_][A-Za-z0-9_]{0,250}|%[A-Za-z_]{1,250}%|\[[^\]]{0,250}\]|password|passwd|pass|pwd|secret|changeme|your[-_]?password|mypassword)$/i;

function matchUrlPassword(text: string, colonSlash: number): Finding | null {
  let s = colonSlash;
  while (s > 0 && colonSlash - s < 20 && /[A-Za-z0-9+.-]/.test(text[s - 1] ?? "")) s--;
  const scheme = text.slice(s, colonSlash);
  if (!/^[A-Za-z]/.test(scheme)) return null;
  const userStart = colonSlash + 3;
  URL_CREDENTIALS.lastIndex = userStart;
  const m = URL_CREDENTIALS.exec(text);
  if (!m) return null;
  const password = m[2] ?? "";
  if (PLACEHOLDER_PASSWORD.test(password)) return null;
  const start = userStart + (m[1] ?? "").length + 1;
  const host = (m[3] ?? "").slice(0, 60);
  return { start, end: start + password.length, label: `password in ${scheme.toLowerCase()}:// URL for ${host}` };
}

// ---------------------------------------------------------------- AWS secret access keys

const AWS_SECRET_CONTEXT = /secret_?access_?key|secret access key/gi;
const AWS_SECRET_VALUE = /["']?\s{0,3}[:=]\s{0,3}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/y;

/** 40-character AWS secret keys count only next to an "aws_secret_access_key" / "SecretAccessKey" label. */
function scanAwsSecrets(text: string, out: Finding[]): void {
  AWS_SECRET_CONTEXT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = AWS_SECRET_CONTEXT.exec(text)) !== null && out.length < MAX_FINDINGS_PER_FIELD) {
    AWS_SECRET_VALUE.lastIndex = m.index + m[0].length;
    const v = AWS_SECRET_VALUE.exec(text);
    const key = v?.[1];
    if (!v || !key || !/[A-Z]/.test(key) || !/[a-z]/.test(key) || !/\d/.test(key) || isAwsExample(key)) continue;
    const start = v.index + v[0].length - key.length;
    out.push({ start, end: start + key.length, label: `AWS secret access key ${maskSecret(key, 0)}` });
  }
}

// ---------------------------------------------------------------- detector

function scanTokens(text: string, out: Finding[]): void {
  ANCHORS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ANCHORS.exec(text)) !== null && out.length < MAX_FINDINGS_PER_FIELD) {
    const i = m.index;
    let g = 1;
    while (m[g] === undefined) g++;
    let found: Finding | null = null;
    if (g === PEM_GROUP) found = matchPem(text, i);
    else if (g === URL_GROUP) found = matchUrlPassword(text, i);
    else if (i > 0 && isTokenChar(text.charCodeAt(i - 1))) found = null; // glued to a longer token
    else if (g === JWT_GROUP) found = matchJwt(text, i);
    else {
      const rule = TOKEN_RULES[g - 1];
      if (rule) {
        rule.body.lastIndex = i;
        const t = rule.body.exec(text);
        if (t && (!rule.valid || rule.valid(t[0]))) found = { start: i, end: i + t[0].length, label: `${rule.label} ${maskSecret(t[0], rule.visiblePrefix)}` };
      }
    }
    if (found) {
      out.push(found);
      ANCHORS.lastIndex = Math.max(ANCHORS.lastIndex, found.end);
    }
  }
}

/**
 * Provider API keys (OpenAI, Anthropic, Stripe live, GitHub, Slack, Google), AWS access key ids and
 * labelled secret keys, PEM private key blocks, JWTs whose header is JSON with "alg", and passwords in
 * URLs. Every candidate is located by a literal prefix and confirmed by one bounded, sticky regex.
 */
export const secretDetector: Detector = {
  type: "secret",
  detect(text) {
    const out: Finding[] = [];
    scanTokens(text, out);
    if (text.length > 16) scanAwsSecrets(text, out);
    return out.sort((a, b) => a.start - b.start);
  },
  toFactor: (findings) => ({
    type: "secret",
    points: SECRET_POINTS,
    detail: clampDetail(`Secrets: ${describeCounts(findings, 5)}`),
    spans: toSpans(findings),
  }),
};
