import { clampDetail, describeCounts, MAX_FINDINGS_PER_FIELD, toSpans, type Detector, type Finding } from "./detector.ts";
import { decodeBase64Prefix } from "./encoding.ts";
import { matchAssignment, matchFlag } from "./secret-assignments.ts";
import { hasVariety, indexRules, looksLikeExample, maskSecret, TOKEN_RULES, type SecretHit, type SecretKind, type TokenRule } from "./secret-formats.ts";
import { GENERIC_SECRET_POINTS, SECRET_POINTS } from "../calibration.ts";

export { maskSecret, SECRET_KINDS, type SecretKind } from "./secret-formats.ts";

export { SECRET_POINTS } from "../calibration.ts";

/*
 * How a field is scanned. A regex alternation of ~60 literal prefixes costs ~20 µs per 4 KB in V8, so
 * candidates are located with String#indexOf on characters that every format contains and that are rare
 * in prose ("_", "-", ".", ":", "=", "~", "A", "SK"), which V8 runs as a memchr-speed search. At each hit a
 * bounded walk back finds where the token starts (walks stop at the previous non-token character, so the
 * walks of one scan never overlap: linear), and a lookup by the literal head picks the few rules to try;
 * each rule is a sticky regex made of a literal and bounded character classes.
 */

const INDEX = indexRules(TOKEN_RULES);
const BY_KIND = (kind: SecretKind): TokenRule => {
  const rule = TOKEN_RULES.find((r) => r.kind === kind);
  if (!rule) throw new Error(`no rule for ${kind}`);
  return rule;
};
const DATABRICKS = BY_KIND("databricks_token");
/** First characters of the "sep" lookup keys, so most hyphens and underscores cost no string allocation. */
const SEP_FIRST = new Uint8Array(128);
for (const key of INDEX.sep.keys()) SEP_FIRST[key.charCodeAt(0)] = 1;
const DOT_FIRST = new Uint8Array(128);
for (const key of INDEX.dot.keys()) DOT_FIRST[key.charCodeAt(0)] = 1;
/** Upper bound on findings collected before overlap resolution. */
const MAX_HITS = 2 * MAX_FINDINGS_PER_FIELD;
const utf8 = new TextDecoder();

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A-Z a-z 0-9 _ - */
function isTokenChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 45;
}

function isHexRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function tokenHit(rule: { kind: SecretKind; label: string; visiblePrefix: number }, start: number, value: string): SecretHit {
  return { start, end: start + value.length, kind: rule.kind, label: `${rule.label} ${maskSecret(value, rule.visiblePrefix)}`, prio: 3 };
}

function tryRules(text: string, start: number, rules: readonly TokenRule[]): SecretHit | null {
  for (const rule of rules) {
    if (!text.startsWith(rule.prefix, start)) continue;
    rule.body.lastIndex = start;
    const m = rule.body.exec(text);
    if (m && (!rule.valid || rule.valid(m[0]))) return tokenHit(rule, start, m[0]);
  }
  return null;
}

/** Runs `at` on every occurrence of `needle`, skipping past each finding. */
function scan(text: string, needle: string, at: (text: string, p: number) => SecretHit | null, out: SecretHit[]): void {
  let i = text.indexOf(needle);
  while (i >= 0 && out.length < MAX_HITS) {
    const h = at(text, i);
    let next = i + 1;
    if (h) {
      out.push(h);
      // Skip past a provider token; not past a labelled value, which may hold a more specific format.
      if (h.prio >= 3 && h.end > next) next = h.end;
    }
    i = text.indexOf(needle, next);
  }
}

// ---------------------------------------------------------------- private keys

const PEM_HEADER = /-----BEGIN ((?:[A-Z0-9]{1,20} ){0,3})PRIVATE KEY(?: BLOCK)?-----/y;
/** SSH.com / RFC 4716 style: "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----". */
const SSH2_HEADER = /---- BEGIN SSH2 (?:ENCRYPTED )?PRIVATE KEY ----/y;
/** How far to look for the matching END line when building the span. */
const PEM_MAX_BODY = 20_000;

/** indexOf of `needle` in text[from, from + window): a bounded search, so repeated candidates stay linear. */
function indexWithin(text: string, needle: string, from: number, window: number): number {
  const at = text.slice(from, from + window).indexOf(needle);
  return at < 0 ? -1 : from + at;
}

/** A header alone (in docs and code) is not a key: a run of 40 base64 characters must follow within 300 characters. */
function hasKeyBody(text: string, from: number): boolean {
  const stop = Math.min(text.length, from + 300);
  let run = 0;
  for (let j = from; j < stop; j++) {
    const c = text.charCodeAt(j);
    if (isAlnum(c) || c === 43 || c === 47) {
      if (++run >= 40) return true;
    } else run = 0;
  }
  return false;
}

function matchPem(text: string, i: number): SecretHit | null {
  PEM_HEADER.lastIndex = i;
  const m = PEM_HEADER.exec(text);
  SSH2_HEADER.lastIndex = i;
  const header = m?.[0] ?? SSH2_HEADER.exec(text)?.[0];
  if (!header) return null;
  const headerEnd = i + header.length;
  if (!hasKeyBody(text, headerEnd)) return null;
  const endMarker = indexWithin(text, m ? "-----END " : "---- END ", headerEnd, PEM_MAX_BODY);
  let end = headerEnd;
  if (endMarker >= 0) {
    const close = indexWithin(text, m ? "-----" : "----", endMarker + 9, 80);
    end = close >= 0 && close - endMarker <= 60 ? close + (m ? 5 : 4) : endMarker;
  }
  const type = m ? (m[1] ?? "").trim() : "SSH2";
  // A Google service-account JSON key: "private_key": "-----BEGIN PRIVATE KEY-----\n…".
  const kind: SecretKind = text.slice(Math.max(0, i - 24), i).includes('"private_key"') ? "gcp_service_account" : "private_key";
  const label = kind === "gcp_service_account" ? "GCP service account private key" : type ? `${type} private key block` : "private key block";
  return { start: i, end, label, kind, prio: 3 };
}

/** PuTTY .ppk files: "PuTTY-User-Key-File-2: ssh-rsa" … "Private-Lines: N" … "Private-MAC: <hex>". */
function matchPutty(text: string, i: number): SecretHit | null {
  if (!/^PuTTY-User-Key-File-[23]: /.test(text.slice(i, i + 24))) return null;
  const priv = indexWithin(text, "Private-Lines: ", i, 3000);
  if (priv < 0 || !/\d/.test(text[priv + 15] ?? "") || !hasKeyBody(text, priv + 15)) return null;
  const mac = indexWithin(text, "Private-MAC:", priv, PEM_MAX_BODY);
  let end = priv + 14;
  if (mac >= 0) {
    const nl = indexWithin(text, "\n", mac, 201);
    end = nl >= 0 && nl - mac <= 200 ? nl : Math.min(text.length, mac + 100);
  }
  return { start: i, end, label: "PuTTY private key", kind: "private_key", prio: 3 };
}

// ---------------------------------------------------------------- JWTs and other dotted tokens

const JWT = /eyJ[A-Za-z0-9_-]{10,2000}\.[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{0,2000}(?![A-Za-z0-9_.-])/y;

function matchJwt(text: string, i: number): SecretHit | null {
  JWT.lastIndex = i;
  const m = JWT.exec(text);
  if (!m) return null;
  const dot = m[0].indexOf(".");
  let header: unknown;
  try {
    header = JSON.parse(utf8.decode(decodeBase64Prefix(text, i, i + dot)));
  } catch {
    return null;
  }
  if (typeof header !== "object" || header === null) return null;
  const alg: unknown = (header as Record<string, unknown>).alg;
  if (typeof alg !== "string") return null;
  const safeAlg = /^[A-Za-z0-9]{1,10}$/.test(alg) ? alg : "unknown";
  return { start: i, end: i + m[0].length, label: `JWT (alg ${safeAlg})`, kind: "jwt", prio: 3 };
}

/**
 * Discord bot tokens: base64 of the bot's numeric user id (17–20 digits), ".", 6-char timestamp, ".", 27–38
 * char HMAC. The first part must decode to digits, which keeps dotted identifiers out.
 */
const DISCORD_BOT = /[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}(?![A-Za-z0-9_.-])/y;

function matchDiscordBot(text: string, i: number, firstDot: number): SecretHit | null {
  DISCORD_BOT.lastIndex = i;
  const m = DISCORD_BOT.exec(text);
  if (!m) return null;
  const id = decodeBase64Prefix(text, i, firstDot);
  if (id.length < 17) return null;
  for (const b of id) if (b < 48 || b > 57) return null;
  return tokenHit({ kind: "discord_bot_token", label: "Discord bot token", visiblePrefix: 0 }, i, m[0]);
}

/** Terraform Cloud / HCP Terraform API tokens: 14 alphanumerics + ".atlasv1." + 60–70 base64url. */
const TERRAFORM = /[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/y;
/** Airtable personal access tokens: "pat" + 14 alphanumerics + "." + 64 hex. */
const AIRTABLE = /pat[A-Za-z0-9]{14}\.[a-f0-9]{64}(?![A-Za-z0-9_-])/y;

function matchSticky(text: string, i: number, re: RegExp, kind: SecretKind, label: string): SecretHit | null {
  re.lastIndex = i;
  const m = re.exec(text);
  return m && hasVariety(m[0], 0, 8) ? tokenHit({ kind, label, visiblePrefix: 0 }, i, m[0]) : null;
}

/** At a "." at `p`: SendGrid "SG.", Vault "hvs.", Doppler "dp.", Google "ya29.", JWTs, Discord bot tokens. */
function atDot(text: string, p: number): SecretHit | null {
  if (!isTokenChar(text.charCodeAt(p + 1)) || !isTokenChar(text.charCodeAt(p - 1))) return null; // "word. Next", "x.", ".5"
  let b = p;
  while (b > 0 && p - b < 2100 && isTokenChar(text.charCodeAt(b - 1))) b--;
  if (b > 0) {
    const c = text.charCodeAt(b - 1);
    if (isTokenChar(c) || c === 46) return null;
  }
  const head = p - b;
  if (head === 0) return null;
  const c0 = text.charCodeAt(b);
  if (head <= 4) {
    if (c0 >= 128 || DOT_FIRST[c0] !== 1) return null;
    const rules = INDEX.dot.get(text.slice(b, p + 1));
    return rules ? tryRules(text, b, rules) : null;
  }
  if (c0 === 101 && head >= 13 && text.startsWith("eyJ", b)) return matchJwt(text, b);
  if (head === 14 && text.startsWith(".atlasv1.", p)) return matchSticky(text, b, TERRAFORM, "terraform_token", "Terraform Cloud token");
  if (head === 17 && text.startsWith("pat", b)) return matchSticky(text, b, AIRTABLE, "airtable_token", "Airtable token");
  if (head >= 24 && head <= 28 && c0 >= 77 && c0 <= 79) return matchDiscordBot(text, b, p);
  return null;
}

// ---------------------------------------------------------------- prefixed tokens

const MAILCHIMP = /[0-9a-f]{32}-us\d{1,2}(?![A-Za-z0-9_-])/y;

/** At a "_" or "-" at `p`: the literal head before it picks the rules (ghp_, sk-, glpat-, …). */
function atSeparator(text: string, p: number): SecretHit | null {
  const sep = text.charCodeAt(p);
  if (sep === 45 && text.charCodeAt(p + 1) === 45) {
    const prev = p > 0 ? text.charCodeAt(p - 1) : 10;
    if (prev === 45) return null;
    if (text.startsWith("-----BEGIN ", p) || text.startsWith("---- BEGIN SSH2 ", p)) return matchPem(text, p);
    if (!isTokenChar(prev)) return matchFlag(text, p);
    // else a prefix followed by a "-" that starts the random part: "GOCSPX--…"
  }
  let b = p;
  while (b > 0 && p - b < 40 && isAlnum(text.charCodeAt(b - 1))) b--;
  if (b === p || (b > 0 && isTokenChar(text.charCodeAt(b - 1)))) return null;
  const head = p - b;
  if (head <= 8) {
    const c0 = text.charCodeAt(b);
    if (c0 === 80 && head === 5 && text.startsWith("PuTTY-User-Key-File-", b)) return matchPutty(text, b);
    if (c0 >= 128 || SEP_FIRST[c0] !== 1) return null;
    const rules = INDEX.sep.get(text.slice(b, p + 1));
    return rules ? tryRules(text, b, rules) : null;
  }
  // Mailchimp: 32 hex + "-us" + data centre.
  if (sep === 45 && head === 32 && text.startsWith("us", p + 1) && isHexRange(text, b, p)) {
    MAILCHIMP.lastIndex = b;
    const m = MAILCHIMP.exec(text);
    if (m && hasVariety(m[0], 0, 8)) return tokenHit({ kind: "mailchimp_api_key", label: "Mailchimp API key", visiblePrefix: 0 }, b, m[0]);
  }
  // Databricks with its "-<n>" suffix (without it, only after a label: see secret-assignments.ts).
  if (sep === 45 && head === 36 && text.startsWith("dapi", b)) return tryRules(text, b, [DATABRICKS]);
  return null;
}

/** At an "A": AWS key ids, Google "AIza", Atlassian "ATATT3", Bitbucket "ATBB", Square "EAAA", Twilio "AC". */
function atUpperA(text: string, p: number): SecretHit | null {
  const s = p > 0 && text.charCodeAt(p - 1) === 69 ? p - 1 : p; // "EAAA"
  if (s > 0 && isTokenChar(text.charCodeAt(s - 1))) return null;
  const c1 = text.charCodeAt(s + 1);
  if (c1 === 67 && s === p && text.charCodeAt(p + 2) !== 67) return matchTwilio(text, p);
  const rules = INDEX.upper.get(text.slice(s, s + 4));
  return rules ? tryRules(text, s, rules) : null;
}

/** Twilio API key SIDs "SK" and account SIDs "AC" + 32 hex count only with "twilio" in the 200 characters before. */
const TWILIO = /(?:SK|AC)[0-9a-f]{32}(?![A-Za-z0-9_-])/y;

function matchTwilio(text: string, p: number): SecretHit | null {
  if (p > 0 && isTokenChar(text.charCodeAt(p - 1))) return null;
  TWILIO.lastIndex = p;
  const m = TWILIO.exec(text);
  if (!m || !hasVariety(m[0], 2, 8) || !/twilio/i.test(text.slice(Math.max(0, p - 200), p))) return null;
  return tokenHit({ kind: "twilio_key", label: m[0].startsWith("SK") ? "Twilio API key SID" : "Twilio account SID", visiblePrefix: 2 }, p, m[0]);
}

/** Microsoft Entra ID (Azure AD) client secrets: 3 chars, a digit, "Q~", 31–34 chars (40 in all). */
const AZURE_AD_SECRET = /[A-Za-z0-9_.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/y;

function atTilde(text: string, p: number): SecretHit | null {
  const s = p - 5;
  if (s < 0 || text.charCodeAt(p - 1) !== 81 || (s > 0 && isTokenChar(text.charCodeAt(s - 1)))) return null;
  AZURE_AD_SECRET.lastIndex = s;
  const m = AZURE_AD_SECRET.exec(text);
  if (!m || !hasVariety(m[0], 6, 10) || looksLikeExample(m[0])) return null;
  return tokenHit({ kind: "azure_key", label: "Azure AD client secret", visiblePrefix: 0 }, s, m[0]);
}

// ---------------------------------------------------------------- URLs, Telegram, assignments

/** After "://": user (may be empty: "redis://:pass@"), ":", password, "@", host. Disjoint classes, bounded. */
const URL_CREDENTIALS = /([^\s:/?#@]{0,128}):([^\s/?#@]{1,256})@([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])/y;
/** Documentation placeholders and stock defaults are not leaked credentials. */
const PLACEHOLDER_PASSWORD =
  /^(?:\*{1,256}|x{1,256}|\.{1,256}|•{1,256}|<[^>]{0,250}>|\$\{[^}]{0,250}\}|\{\{?[^}]{0,250}\}?\}|\$[A-Za-z_][A-Za-z0-9_]{0,250}|%[A-Za-z_]{1,250}%|\[[^\]]{0,250}\]|password|passwd|pass|pwd|secret|changeme|your[-_]?password|mypassword|guest|root|admin|test|postgres|mysql|redis|rabbitmq)$/i;
const DB_SCHEMES = /^(?:postgres|postgresql|mysql|mariadb|mongodb|mongodb\+srv|redis|rediss|amqp|amqps|mssql|sqlserver|oracle|clickhouse|cockroachdb|couchbase|neo4j|neo4j\+s|bolt|nats|kafka|cassandra|db2|snowflake|jdbc|odbc)$/i;
const SLACK_WEBHOOK = /hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9]{8,12}\/[A-Za-z0-9]{8,14}\/[A-Za-z0-9]{20,40}(?![A-Za-z0-9_-])/y;
const DISCORD_WEBHOOK = /(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,70}(?![A-Za-z0-9_-])/y;

function matchUrl(text: string, colonSlash: number): SecretHit | null {
  let s = colonSlash;
  while (s > 0 && colonSlash - s < 20 && /[A-Za-z0-9+.-]/.test(text[s - 1] ?? "")) s--;
  const scheme = text.slice(s, colonSlash);
  if (!/^[A-Za-z]/.test(scheme)) return null;
  const rest = colonSlash + 3;
  const c = text.charCodeAt(rest);
  if (c === 104 || c === 100 || c === 112 || c === 99) {
    // Slack incoming webhooks (hooks.slack.com/services/T…/B…/…) and Discord webhooks (discord.com/api/webhooks/<id>/<token>).
    for (const [re, kind, label, visible] of [
      [SLACK_WEBHOOK, "slack_webhook", "Slack webhook URL", 25],
      [DISCORD_WEBHOOK, "discord_webhook", "Discord webhook URL", 0],
    ] as const) {
      re.lastIndex = rest;
      const m = re.exec(text);
      if (m) {
        const v = visible || m[0].indexOf("/webhooks/") + 10;
        return { start: s, end: rest + m[0].length, kind, label: `${label} ${maskSecret(m[0], v)}`, prio: 3 };
      }
    }
  }
  URL_CREDENTIALS.lastIndex = rest;
  const m = URL_CREDENTIALS.exec(text);
  if (!m) return null;
  const user = m[1] ?? "";
  const password = m[2] ?? "";
  if (PLACEHOLDER_PASSWORD.test(password) || password === user || looksLikeExample(password)) return null;
  const start = rest + user.length + 1;
  const host = (m[3] ?? "").slice(0, 60);
  const kind: SecretKind = DB_SCHEMES.test(scheme) ? "connection_string" : "password_in_url";
  return { start, end: start + password.length, label: `password in ${scheme.toLowerCase()}:// URL for ${host}`, kind, prio: 2 };
}

/** Telegram bot tokens: bot id (8–10 digits), ":", "AA" + 33 base64url characters. */
const TELEGRAM = /\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/y;

function matchTelegram(text: string, p: number): SecretHit | null {
  let b = p;
  while (b > 0 && p - b < 10) {
    const c = text.charCodeAt(b - 1);
    if (c < 48 || c > 57) break;
    b--;
  }
  if (p - b < 8) return null;
  if (b > 0 && isTokenChar(text.charCodeAt(b - 1)) && !(b >= 3 && text.startsWith("bot", b - 3))) return null;
  TELEGRAM.lastIndex = b;
  const m = TELEGRAM.exec(text);
  if (!m || !hasVariety(m[0], p - b + 3, 8)) return null;
  return { start: b, end: b + m[0].length, kind: "telegram_bot_token", label: `Telegram bot token ${maskSecret(m[0].slice(p - b + 1), 0)}`, prio: 3 };
}

function atColon(text: string, p: number): SecretHit | null {
  const next = text.charCodeAt(p + 1);
  if (next === 47) return text.charCodeAt(p + 2) === 47 ? matchUrl(text, p) : null;
  if (next === 65 && text.charCodeAt(p + 2) === 65) {
    const prev = text.charCodeAt(p - 1);
    if (prev >= 48 && prev <= 57) return matchTelegram(text, p);
  }
  return matchAssignment(text, p);
}

// ---------------------------------------------------------------- detector

/** Overlapping findings: the more specific one (provider format over URL password over labelled assignment) wins. */
function resolve(hits: SecretHit[]): Finding[] {
  hits.sort((a, b) => a.start - b.start || b.prio - a.prio);
  const kept: SecretHit[] = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (last && h.start < last.end) {
      if (h.prio > last.prio || (h.prio === last.prio && h.end - h.start > last.end - last.start)) kept[kept.length - 1] = h;
      continue;
    }
    kept.push(h);
    if (kept.length >= MAX_FINDINGS_PER_FIELD) break;
  }
  return kept.map((h) => ({ start: h.start, end: h.end, label: h.label, kind: h.kind }));
}

/**
 * Provider credentials (AI providers, clouds, code hosts, registries, payments, messaging, SaaS; see
 * secret-formats.ts), private keys (PEM, OpenSSH, PGP, SSH2, PuTTY), JWTs whose header is JSON with "alg",
 * passwords in URLs and connection strings, and high-entropy values assigned to secret-bearing names
 * (secret-assignments.ts). Every finding has a `kind` from SECRET_KINDS and a label with the masked value only.
 */
export const secretDetector: Detector = {
  type: "secret",
  detect(text) {
    if (text.length < 8) return [];
    const hits: SecretHit[] = [];
    scan(text, "_", atSeparator, hits);
    scan(text, "-", atSeparator, hits);
    scan(text, ".", atDot, hits);
    scan(text, "A", atUpperA, hits);
    scan(text, "SK", matchTwilio, hits);
    scan(text, "~", atTilde, hits);
    scan(text, ":", atColon, hits);
    scan(text, "=", matchAssignment, hits);
    return hits.length === 0 ? [] : resolve(hits);
  },
  // A confirmed format scores SECRET_POINTS; values known only by their variable name and entropy score less.
  toFactor: (findings) => ({
    type: "secret",
    points: findings.some((f) => f.kind !== "generic_secret") ? SECRET_POINTS : GENERIC_SECRET_POINTS,
    detail: clampDetail(`Secrets: ${describeCounts(findings, 5)}`),
    spans: toSpans(findings),
  }),
};
