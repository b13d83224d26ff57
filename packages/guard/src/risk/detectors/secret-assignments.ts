/**
 * Secrets assigned to a telling name: `password = "…"`, `api_key: '…'`, `SECRET_KEY=…`, `"client_secret": "…"`,
 * `Authorization: Bearer …`, `--password …`, `Server=…;Password=…;`. The scanner in secrets.detector.ts calls
 * `matchAssignment` at every ":" and "=" (found by indexOf) and `matchFlag` at every "--"; each call walks back
 * over at most MAX_KEY key characters and forward over at most MAX_VALUE value characters, so a field costs
 * O(length × small constant) even when it is nothing but "password=password=…".
 */
import { decodeBase64Prefix, textRatio } from "./encoding.ts";
import { hasDigitAndLetter, looksLikeExample, maskSecret, TOKEN_RULES, type SecretHit, type SecretKind } from "./secret-formats.ts";

const UTF8 = new TextDecoder();

const MAX_KEY = 48;
const MAX_VALUE = 1024;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Characters of a key name: A-Z a-z 0-9 _ . - */
function isKeyChar(c: number): boolean {
  return isAlnum(c) || c === 95 || c === 46 || c === 45;
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/** Ends an unquoted value: whitespace , ; ) ] } quotes & < > */
function endsUnquoted(c: number): boolean {
  return (
    c <= 32 || c === 44 || c === 59 || c === 41 || c === 93 || c === 125 || c === 34 || c === 39 || c === 96 || c === 38 || c === 60 || c === 62
  );
}

// ---------------------------------------------------------------- key names

/**
 * Cheap first filter, fed one lower-cased character at a time while the key is walked: every secret-bearing
 * key contains one of the trigrams "pas", "pwd", "sec", "tok", "key", "aut", "cre", "sig".
 */
function isHintTrigram(a: number, b: number, c: number): boolean {
  switch (a) {
    case 112: // p
      return (b === 97 && c === 115) || (b === 119 && c === 100);
    case 115: // s
      return (b === 101 && c === 99) || (b === 105 && c === 103);
    case 116: // t
      return b === 111 && c === 107;
    case 107: // k
      return b === 101 && c === 121;
    case 97: // a
      return b === 117 && c === 116;
    case 99: // c
      return b === 114 && c === 101;
    default:
      return false;
  }
}

function hasKeyHint(text: string, start: number, end: number): boolean {
  let b = 0;
  let c = 0;
  for (let i = end - 1; i >= start; i--) {
    const a = text.charCodeAt(i) | 32;
    if (isHintTrigram(a, b, c)) return true;
    c = b;
    b = a;
  }
  return false;
}

/** Names of hashes, public values and counters: their values are not secrets. */
const KEY_SKIP =
  /hash|sha\d|(?:^|[^a-z])sha(?:$|[^a-z])|checksum|digest|commit|etag|integrity|fingerprint|md5|crc|revision|nonce|salt|public|publishable|pubkey|tokeniz|tokens(?:$|[^a-z])|author(?!iz)|(?:by|com|sur)pass|passport|passthrough|passive|passenger|keyboard|keyword|keystroke|monkey|turkey|hockey|jockey|donkey|whiskey|keychain|keyframe|keyring|keyspace|keystore|keyvault|key_?vault|signal|signup|sign_?in|signature|design|assign|consign/;
/** A name that ends like this holds a reference, a setting or metadata about a secret, not the secret. */
const KEY_META =
  /(?:url|uri|urls|endpoint|path|file|filename|dir|type|name|id|ids|len|length|count|size|expiry|expires|expires_?at|expiration|ttl|timeout|header|prefix|policy|format|field|label|version|mode|method|provider|source|scope|scopes|usage|limit|max|min|env|ref|arn|hint|help|placeholder|required|enabled|disabled|valid|strength|reset|rotation|regex|pattern|manager|class|input|prompt|confirm|confirmation|location|host|port|user|username|login|email|index|idx|flag|option|options|rule|rules|policy|store|param|params|var|variable|error|errors|changed|updated|created|status|state|config|settings|schema|handler|service|client|cache|storage|exists|set|list)$/;
const PASSWORD_KEY = /pass(?:word|wd|phrase)?(?![a-z])|pwd|passwort|contrase|mot_?de_?passe/;
const SECRET_KEY =
  /secret|token|api[_. -]?key|auth(?:orization)?(?![a-z])|auth[_. -]?key|credential|private[_. -]?key|access[_. -]?key|account[_. -]?key|sharedaccesskey|(?:storage|service|admin|root|deploy|bot|webhook|integration|personal|user|write|read|management|primary|secondary)[_. -]?key(?:$|[^a-z])|(?:^|[_. -])sig$|signing[_. -]?key|encryption[_. -]?key|master[_. -]?key|session[_. -]?key|app[_. -]?key|license[_. -]?key|client[_. -]?key|subscription[_. -]?key|conn(?:ection)?[_. -]?str(?:ing)?/;

/** Provider named in the key (`TWILIO_AUTH_TOKEN`, `DD_API_KEY`, `AccountKey`): a more specific kind than generic_secret. */
const KEY_KINDS: ReadonlyArray<readonly [RegExp, SecretKind]> = [
  [/aws.{0,20}session[_. -]?token|^x-amz-security-token$/, "aws_session_token"],
  [/secret[_. -]?access[_. -]?key|aws[_. -]?secret/, "aws_secret_key"],
  [/(?:^|[^a-z])private[_. -]?key[_. -]?id$/, "gcp_service_account"],
  [/heroku/, "heroku_api_key"],
  [/datadog|(?:^|[^a-z])dd[_. -]?(?:api|app|application|client)[_. -]?(?:key|token)/, "datadog_api_key"],
  [/new[_. -]?relic|(?:^|[^a-z])nr[_. -]?(?:license|api|insert)/, "new_relic_key"],
  [/cohere|(?:^|[^a-z])co[_. -]?api[_. -]?key/, "cohere_api_key"],
  [/mistral/, "mistral_api_key"],
  [/twilio/, "twilio_key"],
  [/databricks/, "databricks_token"],
  [/sendgrid/, "sendgrid_api_key"],
  [/mailgun/, "mailgun_api_key"],
  [/mailchimp/, "mailchimp_api_key"],
  [/azure|accountkey|account[_. -]key|sharedaccesskey/, "azure_key"],
  [/(?:^|[_. -])sig$/, "azure_sas_token"],
  [/openai/, "openai_api_key"],
  [/anthropic|claude/, "anthropic_api_key"],
  [/groq/, "groq_api_key"],
  [/replicate/, "replicate_api_token"],
  [/perplexity|pplx/, "perplexity_api_key"],
  [/hugging[_. -]?face|(?:^|[^a-z])hf[_. -]/, "huggingface_token"],
  [/slack/, "slack_token"],
  [/discord/, "discord_bot_token"],
  [/telegram/, "telegram_bot_token"],
  [/github|(?:^|[^a-z])gh[_. -]token/, "github_token"],
  [/gitlab/, "gitlab_token"],
  [/bitbucket/, "bitbucket_token"],
  [/atlassian|jira|confluence/, "atlassian_token"],
  [/stripe/, "stripe_key"],
  [/shopify/, "shopify_token"],
  [/square/, "square_token"],
  [/braintree|paypal/, "paypal_braintree_token"],
  [/vault/, "vault_token"],
  [/doppler/, "doppler_token"],
  [/linear/, "linear_api_key"],
  [/notion/, "notion_token"],
  [/postman/, "postman_api_key"],
  [/digital[_. -]?ocean|(?:^|[^a-z])do[_. -]token/, "digitalocean_token"],
  [/npm/, "npm_token"],
  [/pypi|twine/, "pypi_token"],
  [/docker/, "docker_hub_token"],
];

const KIND_LABELS: Partial<Record<SecretKind, string>> = {
  cohere_api_key: "Cohere API key",
  mistral_api_key: "Mistral API key",
  datadog_api_key: "Datadog key",
  twilio_key: "Twilio credential",
  heroku_api_key: "Heroku API key",
  new_relic_key: "New Relic key",
  discord_bot_token: "Discord bot token",
  telegram_bot_token: "Telegram bot token",
  mailchimp_api_key: "Mailchimp API key",
  password: "password",
  connection_string: "password in connection string",
  bearer_token: "bearer token",
  basic_auth: "basic auth credentials",
  generic_secret: "secret",
  aws_secret_key: "AWS secret access key",
  aws_session_token: "AWS session token",
  gcp_service_account: "GCP service account key",
  azure_key: "Azure key",
  azure_sas_token: "Azure SAS signature",
};

for (const rule of TOKEN_RULES) KIND_LABELS[rule.kind] ??= rule.label;

function labelOf(kind: SecretKind): string {
  return KIND_LABELS[kind] ?? kind.replace(/_/g, " ");
}

// ---------------------------------------------------------------- values

/** Exact values that are placeholders or defaults, not leaked secrets (compared lower-cased). */
const PLACEHOLDER_VALUES = new Set([
  "password", "passwd", "pass", "pwd", "secret", "secrets", "changeme", "change_me", "change-me", "letmein", "admin",
  "administrator", "root", "test", "testing", "default", "qwerty", "123456", "12345678", "123456789", "token", "apikey",
  "api_key", "api-key", "hunter2", "guest", "postgres", "mysql", "redis", "user", "username", "true", "false", "null",
  "none", "nil", "undefined", "required", "optional", "empty", "string", "str", "bytes", "secretkey", "secret_key",
  "mysecret", "mypassword", "supersecret", "s3cr3t", "password1", "password123", "yes", "no", "on", "off", "auto",
  "bearer", "basic", "token_here", "key_here", "secret_here", "sk-...", "notasecret", "not-a-secret", "unset", "n/a",
]);
/** Anywhere in the value: template syntax, environment lookups, "your…", "example", masks. */
const PLACEHOLDER_PART =
  /^\$|^%[A-Za-z_][A-Za-z0-9_]*%$|^%[({]|^@Microsoft|^!(?:vault|secret|Ref|Sub|GetAtt|ENV|env|include|var)\b|^\*[A-Za-z_]+$|^#\s|^\{|^<|^\[|^\(|^(?:vault|ssm|env|secret|secrets|arn|op|ref\+\w+|file|sm|kms|gcp|azure):|^ENC\[|\$\{|\{\{|%\(|process\.env|os\.environ|getenv|ENV\[|System\.getenv|config\.get|example|placeholder|your[-_ ]|your(?:api|secret|token|pass|key)|change[-_]?me|redacted|dummy|sample|xxxx|\*\*\*|\.\.\.|…|•|todo|fixme|replace[-_ ]?(?:me|this|with)|insert[-_ ]|[-_]here$|not[-_]?set|fake|mock/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^v?\d{1,6}(?:\.\d{1,6}){1,3}(?:[-+.][0-9A-Za-z.-]{1,40})?$/;
const PATH_OR_URL =
  /^(?:\/|\.\.?\/|~\/|[A-Za-z]:[\\/]|\\\\)|:\/\/|\.(?:json|pem|key|txt|ya?ml|env|p12|pfx|crt|cer|der|jks|keystore|gpg|asc|ini|cfg|conf|toml|xml|properties|js|ts|py|sh|enc|age)$/i;
const EMAIL = /^[^@\s]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,}$/;
const DATE = /^\d{4}-\d{2}-\d{2}|^\d{1,2}[:/]\d{2}[:/]\d{2,4}$/;
/** Unquoted code: `config.password`, `getSecret()`, `ENV_VAR_NAME`. */
const EXPRESSION = /[([{]|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|^[A-Z][A-Z0-9]*_[A-Z0-9_]*$/;
/** Lower-case words joined by - _ . ("release-2024-build-artifact"): names, not random strings. */
const WORDS = /^[a-z]{2,}(?:[-_.][a-z0-9]{1,20}){1,10}$/i;

const counts = new Uint16Array(129);

/** Shannon entropy in bits per character over at most the first 256 characters. */
export function shannonEntropy(s: string): number {
  const n = Math.min(s.length, 256);
  if (n === 0) return 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const slot = c < 128 ? c : 128;
    counts[slot] = (counts[slot] ?? 0) + 1;
  }
  let h = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const slot = c < 128 ? c : 128;
    const k = counts[slot] ?? 0;
    if (k > 0) {
      const p = k / n;
      h -= p * Math.log2(p);
      counts[slot] = 0;
    }
  }
  return h;
}

/** Number of character classes present: lower, upper, digit, other. */
function classCount(s: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

function isHexOnly(s: string): boolean {
  return /^[0-9a-fA-F]+$/.test(s);
}

/** A random-looking token: ≥ 16 characters, letters and digits, ≥ 3.5 bits/char (hex: ≥ 24 chars, ≥ 3 bits/char). */
export function looksRandom(v: string): boolean {
  if (v.length < 16 || !hasDigitAndLetter(v)) return false;
  if (isHexOnly(v)) return v.length >= 24 && shannonEntropy(v) >= 3;
  return shannonEntropy(v) >= 3.5;
}

/** An assigned password: ≥ 8 characters with 3 character classes, or ≥ 12 with 2 and some entropy, or random. */
export function looksLikePassword(v: string): boolean {
  if (v.length < 8 || v.length > 200) return looksRandom(v);
  const classes = classCount(v);
  if (classes >= 3 || (classes >= 2 && v.length >= 12 && shannonEntropy(v) >= 3)) return true;
  return looksRandom(v);
}

/** Placeholders, references and ordinary values that never count, whatever the key. */
export function isNonSecretValue(v: string, quoted: boolean): boolean {
  if (PLACEHOLDER_VALUES.has(v.toLowerCase())) return true;
  if (PLACEHOLDER_PART.test(v) || looksLikeExample(v)) return true;
  const base64 = v.length >= 30 && /^[A-Za-z0-9+/]+={0,2}$/.test(v) && classCount(v) >= 3;
  if (VERSION.test(v) || (PATH_OR_URL.test(v) && !base64) || EMAIL.test(v) || DATE.test(v) || /^[\d\s.,:_+-]+$/.test(v)) return true;
  if (!quoted && EXPRESSION.test(v)) return true;
  // Names and prose, not random strings: "AES-256-GCM", "SecretLookup", "\nChoose a plan".
  if (/^[A-Za-z]+$/.test(v) || /^\\[ntr]/.test(v)) return true;
  // Single-case words joined by - _ . are names ("AES-256-GCM", "release-2024-build"); mixed case is random
  // ("kzG_kE1BZfqF-…") or a password ("monkey-Silver-229").
  if (WORDS.test(v) && (!/[a-z]/.test(v) || !/[A-Z]/.test(v))) return true;
  return /^(.)\1+$/.test(v);
}

// ---------------------------------------------------------------- matching

type KeyClass = "password" | "secret";

function classifyKey(key: string): KeyClass | null {
  const k = key.toLowerCase();
  if (KEY_SKIP.test(k)) return null;
  if (PASSWORD_KEY.test(k)) return KEY_META.test(k) ? null : "password";
  if (!SECRET_KEY.test(k)) return null;
  if (KEY_META.test(k) && !/private[_. -]?key[_. -]?id$/.test(k)) return null;
  return "secret";
}

function kindOfKey(key: string, cls: KeyClass): SecretKind {
  const k = key.toLowerCase();
  for (const [re, kind] of KEY_KINDS) if (re.test(k)) return kind;
  return cls === "password" ? "password" : "generic_secret";
}

/** Reads the value starting at `v` (after optional blanks): quoted up to the closing quote on the same line, or up to a terminator. */
function readValue(text: string, v: number): { start: number; end: number; quoted: boolean } | null {
  const len = text.length;
  let i = v;
  while (i < len && i - v < 8 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const q = text.charCodeAt(i);
  if (isQuote(q)) {
    const start = i + 1;
    const stop = Math.min(len, start + MAX_VALUE);
    for (let j = start; j < stop; j++) {
      const c = text.charCodeAt(j);
      if (c === q) return { start, end: j, quoted: true };
      if (c === 10 || c === 13) return null;
    }
    return null;
  }
  const stop = Math.min(len, i + MAX_VALUE);
  let j = i;
  for (; j < stop; j++) {
    const c = text.charCodeAt(j);
    if (endsUnquoted(c)) break;
    // "=" and ":" end an unquoted value unless they are base64 padding at its end.
    if (c === 58) break;
    if (c === 61) {
      const next = j + 1 < len ? text.charCodeAt(j + 1) : 32;
      if (next !== 61 && !endsUnquoted(next)) break;
    }
  }
  if (j === stop && j < len && !endsUnquoted(text.charCodeAt(j))) return null; // longer than MAX_VALUE
  return { start: i, end: j, quoted: false };
}

const SCHEME = /^(bearer|basic|token|bot)[ \t]{1,4}/i;

/**
 * Judges `key` (text[keyStart, keyEnd)) holding the value read at `valueFrom`. `sepBefore` is the character
 * before the key, which tells connection strings (";Password=", "&password=") from ordinary assignments.
 */
function judge(text: string, keyStart: number, keyEnd: number, valueFrom: number): SecretHit | null {
  // An unquoted "Bearer <token>" is read after its scheme word (a quoted one is split below).
  let v = valueFrom;
  while (v < text.length && v - valueFrom < 8 && (text.charCodeAt(v) === 32 || text.charCodeAt(v) === 9)) v++;
  const lead = isQuote(text.charCodeAt(v)) ? null : SCHEME.exec(text.slice(v, v + 12));
  const read = readValue(text, lead ? v + lead[0].length - 1 : valueFrom);
  if (!read) return null;
  if (lead) read.start = v;
  let { start, end } = read;
  const { quoted } = read;
  if (end - start < 6) return null;
  const first = text.charCodeAt(start);
  // Template syntax and references: ${VAR}, $VAR, %VAR%, {{ x }}, <your-key>, [x], (x), @Microsoft.KeyVault(…)
  if (first === 36 || first === 123 || first === 60 || first === 91 || first === 40) return null;
  const key = text.slice(keyStart, keyEnd);
  const cls = classifyKey(key);
  if (!cls) return null;
  let kind = kindOfKey(key, cls);
  let strict = false;

  // "Authorization: Bearer <token>", "Basic <base64>", "token <t>", "Bot <discord token>".
  const raw = text.slice(start, Math.min(end, start + 12));
  const scheme = SCHEME.exec(raw);
  if (scheme) {
    start += scheme[0].length;
    let e = start;
    while (e < end && text.charCodeAt(e) > 32) e++;
    end = e;
    const word = (scheme[1] ?? "").toLowerCase();
    if (word === "basic") {
      const bytes = decodeBase64Prefix(text, start, end);
      if (end - start < 8 || textRatio(bytes) < 0.95 || !UTF8.decode(bytes).includes(":")) return null;
      return hit(start, end, "basic_auth", key, text.slice(start, end), 0);
    }
    if (kind === "generic_secret" || kind === "password") kind = word === "bot" ? "discord_bot_token" : "bearer_token";
    strict = true;
  }
  const value = text.slice(start, end);
  // Sentences are not secrets; a passphrase of up to four words after a password name is.
  const spaces = value.split(" ").length - 1;
  if (spaces > 0 && (cls !== "password" || spaces > 3 || /\s\s|[\t\n]/.test(value))) return null;
  if (value === key || value.toLowerCase().includes(key.toLowerCase())) return null;
  // AWS secret access keys: 40 base64 characters (may start with "/" or "+", so before the path checks).
  if (kind === "aws_secret_key" && /^[A-Za-z0-9/+]{40}$/.test(value)) {
    const mixed = /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value);
    return mixed && !looksLikeExample(value) ? hit(start, end, kind, key, value, 0) : null;
  }
  if (value.length < 6 || isNonSecretValue(value, quoted || strict)) {
    // Heroku's classic API keys are UUIDs.
    if (!(kind === "heroku_api_key" && UUID.test(value))) return null;
    return hit(start, end, kind, key, value, 0);
  }
  if (UUID.test(value)) return kind === "heroku_api_key" ? hit(start, end, kind, key, value, 0) : null;
  if (/^dapi[0-9a-f]{32}(?:-\d)?$/.test(value)) kind = "databricks_token";

  const before = keyStart > 0 ? text.charCodeAt(keyStart - 1) : 0;
  if (cls === "password") {
    // In "Server=…;Password=…;" and "jdbc:…;password=…" a literal password of 6+ characters is a leak whatever its strength.
    const inConnection = before === 59 || (end < text.length && text.charCodeAt(end) === 59 && !quoted) || ((before === 38 || before === 63) && /jdbc:|odbc:/i.test(text.slice(Math.max(0, keyStart - 300), keyStart)));
    if (inConnection && kind === "password") {
      if (classCount(value) < 2 && value.length < 10) return null;
      return hit(start, end, "connection_string", key, value, 0);
    }
    if (!looksLikePassword(value)) return null;
    return hit(start, end, kind, key, value, 0);
  }
  // Secret-ish names (secret, credential, private key) may hold password-like values; tokens and keys must look random.
  const k = key.toLowerCase();
  const ok = looksRandom(value) || (/secret|credential|private/.test(k) && !strict && looksLikePassword(value) && value.length >= 10);
  if (!ok) return null;
  if (kind === "azure_sas_token" && !/%2[bBfF]|%3[dD]|[+/]/.test(value) && value.length < 40) return null;
  return hit(start, end, kind, key, value, 0);
}

/**
 * The variable a generic secret was assigned to, for the label, only when the key is one identifier
 * (`DB_PASSWORD`). A key of several words ("my AWS key AKIA… and secret: …", "Password for jsmith: …")
 * could carry another secret or a person's name into a detail, so it is left out.
 */
function keyName(key: string): string {
  const k = key.trim();
  return /^[A-Za-z_][A-Za-z0-9_.-]{0,39}$/.test(k) && !/\d{4}/.test(k) ? k : "";
}

function hit(start: number, end: number, kind: SecretKind, key: string, value: string, visible: number): SecretHit {
  const generic = kind === "password" || kind === "generic_secret" || kind === "bearer_token" || kind === "basic_auth";
  const k = generic ? keyName(key.replace(/^[-\s]+/, "")) : "";
  const name = k ? ` in ${k}` : "";
  return { start, end, kind, label: `${labelOf(kind)}${name} ${maskSecret(value, visible)}`, prio: kind === "connection_string" ? 2 : 1 };
}

/**
 * At an ":" or "=" at `p`: `key = value`, `key: value`, `"key": "value"`, `key := value`, `'key' => 'value'`,
 * `$cfg['key'] = 'value'`. Comparisons (==, !=, <=, >=), "::" and "://" are not assignments.
 */
export function matchAssignment(text: string, p: number): SecretHit | null {
  const c = text.charCodeAt(p);
  const prev = p > 0 ? text.charCodeAt(p - 1) : 0;
  const next = text.charCodeAt(p + 1);
  let valueFrom: number;
  if (c === 58) {
    if (next === 58 || prev === 58 || next === 47) return null;
    valueFrom = next === 61 ? p + 2 : p + 1;
  } else {
    if (prev === 61 || prev === 33 || prev === 60 || prev === 62 || prev === 58 || next === 61 || next === 126) return null;
    valueFrom = next === 62 ? p + 2 : p + 1;
  }
  // Walk back over blanks, a closing quote or "]", and the key.
  let e = p;
  while (e > 0 && p - e < 3 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
  if (e > 0 && text.charCodeAt(e - 1) === 93) e--;
  let quoted = false;
  if (e > 0 && isQuote(text.charCodeAt(e - 1))) {
    quoted = true;
    e--;
  }
  const allowSpaces = c === 58 && !quoted;
  let b = e;
  let words = 0;
  let hint = false;
  let c1 = 0;
  let c2 = 0;
  while (b > 0 && e - b < MAX_KEY) {
    const ch = text.charCodeAt(b - 1);
    if (isKeyChar(ch)) b--;
    else if (allowSpaces && ch === 32 && words < 3 && b < e && b > 1 && isKeyChar(text.charCodeAt(b - 2))) {
      words++;
      b--;
    } else break;
    const lower = ch | 32;
    if (!hint) hint = isHintTrigram(lower, c1, c2);
    c2 = c1;
    c1 = lower;
  }
  if (!hint || e - b < 3 || (b > 0 && isKeyChar(text.charCodeAt(b - 1)))) return null;
  return judge(text, b, e, valueFrom);
}

/** At "--" at `p`: `--password value`, `--api-key 'value'` (the "=" form is an assignment). */
export function matchFlag(text: string, p: number): SecretHit | null {
  let e = p + 2;
  const stop = Math.min(text.length, e + 32);
  while (e < stop && (isAlnum(text.charCodeAt(e)) || text.charCodeAt(e) === 45 || text.charCodeAt(e) === 95)) e++;
  if (e - p < 5 || text.charCodeAt(e) !== 32 || !hasKeyHint(text, p + 2, e)) return null;
  return judge(text, p + 2, e, e + 1);
}
