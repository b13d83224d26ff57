/**
 * Synthetic secrets for training and evaluating the risk classifier and the secret detector.
 *
 * Positives: credentials generated from each provider's documented format (prefix, alphabet, length) with a
 * seeded PRNG, so they are random but format-valid and never real, embedded in the places people paste
 * them: .env files, shell, curl, Python/JS/Go code, YAML/JSON, docker-compose, chat questions, stack traces
 * and logs. Negatives: the strings that look like secrets but are not (git SHAs, checksums, npm integrity,
 * docker digests, UUIDs, versions, base64 images, documentation example keys, placeholders, env references).
 *
 * Formats are written from provider documentation only; no third-party scanner's rules or test data.
 */

import { mulberry32, type Rng } from "../random.ts";

export interface SecretExample {
  text: string;
  category: "secret";
  source: "synthetic-secrets";
  /** Expected `kind`s (SECRET_KINDS) of the secrets embedded in `text`. */
  kinds: string[];
}

export interface SecretNegative {
  text: string;
  category: "benign";
  source: "synthetic-secret-negatives";
}

// ---------------------------------------------------------------- PRNG and alphabets


const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const ALNUM = UPPER + LOWER + DIGITS;
const B64URL = ALNUM + "_-";
const B64 = ALNUM + "+/";
const HEX = "0123456789abcdef";
const BASE32 = UPPER + "234567";

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

function chars(rng: Rng, alphabet: string, n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(rng() * alphabet.length)];
  return out;
}

/** Random characters that contain at least one digit and one letter (as real random tokens do). */
function mixed(rng: Rng, alphabet: string, n: number): string {
  for (;;) {
    const s = chars(rng, alphabet, n);
    if (/\d/.test(s) && /[A-Za-z]/.test(s)) return s;
  }
}

const b64url = (s: string): string => Buffer.from(s).toString("base64url");
const b64 = (s: string): string => Buffer.from(s).toString("base64");
const uuid = (rng: Rng): string => `${chars(rng, HEX, 8)}-${chars(rng, HEX, 4)}-4${chars(rng, HEX, 3)}-${pick(rng, ["8", "9", "a", "b"])}${chars(rng, HEX, 3)}-${chars(rng, HEX, 12)}`;

// ---------------------------------------------------------------- credential formats

interface Format {
  kind: string;
  /** Environment variable / config key names this credential is usually stored under. */
  names: readonly string[];
  gen: (rng: Rng) => string;
  /** Detectable only next to its name (no distinctive prefix): used in labelled contexts only. */
  needsLabel?: boolean;
}

// Prefixes are assembled from pieces so no credential-shaped literal sits in the source.
const P = (...parts: string[]): string => parts.join("");

const FORMATS: readonly Format[] = [
  { kind: "aws_access_key", names: ["AWS_ACCESS_KEY_ID", "aws_access_key_id"], gen: (r) => P(pick(r, ["AK", "AS"]), "IA") + mixed(r, BASE32, 16) },
  { kind: "aws_secret_key", names: ["AWS_SECRET_ACCESS_KEY", "aws_secret_access_key", "SecretAccessKey"], gen: (r) => mixed(r, B64, 40).replace(/^[+/]/, "A"), needsLabel: true },
  { kind: "aws_session_token", names: ["AWS_SESSION_TOKEN", "aws_session_token"], gen: (r) => P("IQoJb3JpZ2luX2Vj") + mixed(r, B64, int(r, 300, 600)), needsLabel: true },
  { kind: "google_api_key", names: ["GOOGLE_API_KEY", "GEMINI_API_KEY", "MAPS_KEY"], gen: (r) => P("AI", "za") + mixed(r, B64URL, 35) },
  { kind: "google_oauth_secret", names: ["GOOGLE_CLIENT_SECRET", "client_secret"], gen: (r) => P("GOC", "SPX-") + mixed(r, B64URL, 28) },
  { kind: "github_token", names: ["GITHUB_TOKEN", "GH_TOKEN"], gen: (r) => (r() < 0.7 ? P("gh", pick(r, ["p", "o", "u", "s", "r"]), "_") + mixed(r, ALNUM, 36) : P("github", "_pat_") + mixed(r, ALNUM, 22) + "_" + mixed(r, ALNUM, 59)) },
  { kind: "gitlab_token", names: ["GITLAB_TOKEN", "CI_JOB_TOKEN", "GL_TOKEN"], gen: (r) => P("gl", pick(r, ["pat", "dt", "rt", "ptt", "cbt"]), "-") + mixed(r, B64URL, 20) },
  { kind: "bitbucket_token", names: ["BITBUCKET_APP_PASSWORD", "BB_TOKEN"], gen: (r) => P("AT", "BB") + mixed(r, ALNUM, 28) + chars(r, HEX.toUpperCase(), 8) },
  { kind: "atlassian_token", names: ["JIRA_API_TOKEN", "ATLASSIAN_TOKEN"], gen: (r) => P("ATA", "TT3xFfGF0") + mixed(r, B64URL, 170) + "=" + chars(r, HEX.toUpperCase(), 8) },
  { kind: "npm_token", names: ["NPM_TOKEN", "NODE_AUTH_TOKEN"], gen: (r) => P("np", "m_") + mixed(r, ALNUM, 36) },
  { kind: "pypi_token", names: ["PYPI_TOKEN", "TWINE_PASSWORD"], gen: (r) => P("py", "pi-", "AgEIcHlwaS5vcmc") + mixed(r, B64URL, int(r, 60, 160)) },
  { kind: "docker_hub_token", names: ["DOCKERHUB_TOKEN", "DOCKER_PASSWORD"], gen: (r) => P("dckr", "_pat_") + mixed(r, B64URL, 27) },
  { kind: "huggingface_token", names: ["HF_TOKEN", "HUGGINGFACE_TOKEN"], gen: (r) => P("h", "f_") + mixed(r, UPPER + LOWER + DIGITS, 34) },
  { kind: "openai_api_key", names: ["OPENAI_API_KEY"], gen: (r) => (r() < 0.6 ? P("sk", "-proj-") + mixed(r, B64URL, int(r, 120, 156)) : P("sk", "-") + mixed(r, ALNUM, 20) + "T3BlbkFJ" + mixed(r, ALNUM, 20)) },
  { kind: "anthropic_api_key", names: ["ANTHROPIC_API_KEY"], gen: (r) => P("sk", "-ant-api03-") + mixed(r, B64URL, 93) + "AA" },
  { kind: "groq_api_key", names: ["GROQ_API_KEY"], gen: (r) => P("gs", "k_") + mixed(r, ALNUM, 52) },
  { kind: "replicate_api_token", names: ["REPLICATE_API_TOKEN"], gen: (r) => P("r", "8_") + mixed(r, ALNUM, 37) },
  { kind: "perplexity_api_key", names: ["PERPLEXITY_API_KEY", "PPLX_API_KEY"], gen: (r) => P("pp", "lx-") + mixed(r, ALNUM, 48) },
  { kind: "cohere_api_key", names: ["COHERE_API_KEY", "CO_API_KEY"], gen: (r) => mixed(r, ALNUM, 40), needsLabel: true },
  { kind: "mistral_api_key", names: ["MISTRAL_API_KEY"], gen: (r) => mixed(r, ALNUM, 32), needsLabel: true },
  { kind: "stripe_key", names: ["STRIPE_SECRET_KEY", "STRIPE_API_KEY", "STRIPE_WEBHOOK_SECRET"], gen: (r) => (r() < 0.8 ? P(pick(r, ["sk", "rk"]), "_", pick(r, ["live", "test"]), "_") + mixed(r, ALNUM, int(r, 24, 99)) : P("wh", "sec_") + mixed(r, ALNUM, 32)) },
  { kind: "paypal_braintree_token", names: ["BRAINTREE_ACCESS_TOKEN", "PAYPAL_ACCESS_TOKEN"], gen: (r) => P("access_token", "$", pick(r, ["production", "sandbox"]), "$") + mixed(r, LOWER + DIGITS, 16) + "$" + mixed(r, HEX, 32) },
  { kind: "square_token", names: ["SQUARE_ACCESS_TOKEN", "SQUARE_APP_SECRET"], gen: (r) => pick(r, [P("sq0", "atp-") + mixed(r, B64URL, 22), P("sq0", "csp-") + mixed(r, B64URL, 43), P("EA", "AA") + mixed(r, B64URL, 60)]) },
  { kind: "shopify_token", names: ["SHOPIFY_ACCESS_TOKEN", "SHOPIFY_API_SECRET"], gen: (r) => P("shp", pick(r, ["at", "ss", "ca", "pa"]), "_") + mixed(r, HEX, 32) },
  { kind: "twilio_key", names: ["TWILIO_AUTH_TOKEN", "TWILIO_API_SECRET"], gen: (r) => mixed(r, HEX, 32), needsLabel: true },
  { kind: "sendgrid_api_key", names: ["SENDGRID_API_KEY"], gen: (r) => P("S", "G.") + mixed(r, B64URL, 22) + "." + mixed(r, B64URL, 43) },
  { kind: "mailgun_api_key", names: ["MAILGUN_API_KEY"], gen: (r) => P("ke", "y-") + mixed(r, HEX, 32) },
  { kind: "mailchimp_api_key", names: ["MAILCHIMP_API_KEY"], gen: (r) => mixed(r, HEX, 32) + "-us" + int(r, 1, 21) },
  { kind: "slack_token", names: ["SLACK_BOT_TOKEN", "SLACK_TOKEN"], gen: (r) => (r() < 0.8 ? P("xo", "x", pick(r, ["b", "p"]), "-") + chars(r, DIGITS, 12) + "-" + chars(r, DIGITS, 13) + "-" + mixed(r, ALNUM, 24) : P("xa", "pp-1-") + chars(r, UPPER + DIGITS, 11) + "-" + chars(r, DIGITS, 13) + "-" + chars(r, HEX, 64)) },
  { kind: "slack_webhook", names: ["SLACK_WEBHOOK_URL"], gen: (r) => P("https://hooks.", "slack.com/services/T") + chars(r, UPPER + DIGITS, 10) + "/B" + chars(r, UPPER + DIGITS, 10) + "/" + mixed(r, ALNUM, 24) },
  { kind: "discord_bot_token", names: ["DISCORD_TOKEN", "DISCORD_BOT_TOKEN"], gen: (r) => b64(`${int(r, 1, 9)}${chars(r, DIGITS, 17)}`).replace(/=+$/, "") + "." + mixed(r, B64URL, 6) + "." + mixed(r, B64URL, 38) },
  { kind: "discord_webhook", names: ["DISCORD_WEBHOOK_URL"], gen: (r) => P("https://discord.com/api/", "webhooks/") + `${int(r, 1, 9)}${chars(r, DIGITS, 18)}/` + mixed(r, B64URL, 68) },
  { kind: "telegram_bot_token", names: ["TELEGRAM_BOT_TOKEN", "TG_TOKEN"], gen: (r) => `${int(r, 1, 9)}${chars(r, DIGITS, int(r, 7, 9))}:AA` + mixed(r, B64URL, 33) },
  { kind: "datadog_api_key", names: ["DD_API_KEY", "DATADOG_API_KEY", "DD_APP_KEY"], gen: (r) => mixed(r, HEX, pick(r, [32, 40])), needsLabel: true },
  { kind: "new_relic_key", names: ["NEW_RELIC_API_KEY", "NEW_RELIC_USER_KEY"], gen: (r) => P("NR", "AK-") + mixed(r, UPPER + DIGITS, 27) },
  { kind: "digitalocean_token", names: ["DIGITALOCEAN_TOKEN", "DO_TOKEN"], gen: (r) => P("do", pick(r, ["p", "o", "r"]), "_v1_") + mixed(r, HEX, 64) },
  { kind: "heroku_api_key", names: ["HEROKU_API_KEY"], gen: (r) => (r() < 0.5 ? uuid(r) : P("HR", "KU-") + mixed(r, B64URL, 60)), needsLabel: true },
  { kind: "vault_token", names: ["VAULT_TOKEN"], gen: (r) => P("hv", pick(r, ["s", "b"]), ".") + mixed(r, B64URL, int(r, 90, 120)) },
  { kind: "doppler_token", names: ["DOPPLER_TOKEN"], gen: (r) => P("dp", ".", pick(r, ["pt", "st", "ct", "sa"]), ".") + mixed(r, ALNUM, 43) },
  { kind: "linear_api_key", names: ["LINEAR_API_KEY"], gen: (r) => P("lin", "_api_") + mixed(r, ALNUM, 40) },
  { kind: "notion_token", names: ["NOTION_TOKEN", "NOTION_API_KEY"], gen: (r) => (r() < 0.5 ? P("sec", "ret_") + mixed(r, ALNUM, 43) : P("nt", "n_") + chars(r, DIGITS, 11) + mixed(r, ALNUM, 35)) },
  { kind: "postman_api_key", names: ["POSTMAN_API_KEY"], gen: (r) => P("PM", "AK-") + mixed(r, HEX, 24) + "-" + mixed(r, HEX, 34) },
  { kind: "databricks_token", names: ["DATABRICKS_TOKEN"], gen: (r) => P("da", "pi") + mixed(r, HEX, 32) + (r() < 0.5 ? "-2" : ""), needsLabel: true },
  { kind: "azure_key", names: ["AZURE_CLIENT_SECRET", "AZURE_OPENAI_API_KEY", "AZURE_STORAGE_KEY"], gen: (r) => pick(r, [chars(r, ALNUM, 3) + int(r, 0, 9) + "Q~" + mixed(r, B64URL, 34), mixed(r, HEX, 32)]), needsLabel: true },
  { kind: "jwt", names: ["ACCESS_TOKEN", "ID_TOKEN", "SUPABASE_SERVICE_ROLE_KEY"], gen: (r) => jwt(r) },
  { kind: "generic_secret", names: ["SECRET_KEY", "API_SECRET", "CLIENT_SECRET", "APP_SECRET", "JWT_SECRET", "SESSION_SECRET", "API_TOKEN", "AUTH_TOKEN", "ENCRYPTION_KEY", "PRIVATE_TOKEN"], gen: (r) => pick(r, [mixed(r, ALNUM, int(r, 24, 48)), mixed(r, HEX, 64), mixed(r, B64URL, 43)]), needsLabel: true },
  { kind: "password", names: ["DB_PASSWORD", "PASSWORD", "MYSQL_ROOT_PASSWORD", "POSTGRES_PASSWORD", "SMTP_PASSWORD", "ADMIN_PASS", "REDIS_PASSWORD"], gen: (r) => password(r), needsLabel: true },
];

const WORDS = ["Summer", "Winter", "Falcon", "Orange", "Dragon", "Purple", "Monkey", "Sunset", "Harbor", "Castle", "Rocket", "Maple", "Tiger", "Silver"];

function password(rng: Rng): string {
  const style = rng();
  if (style < 0.5) return `${pick(rng, WORDS)}${int(rng, 1990, 2026)}${pick(rng, ["!", "#", "$", "@", "?", "*"])}`;
  if (style < 0.8) return mixed(rng, ALNUM + "!#%^*_+-", int(rng, 12, 24));
  return `${pick(rng, WORDS).toLowerCase()}-${pick(rng, WORDS)}-${int(rng, 10, 99)}${pick(rng, ["!", "#", "%"])}`;
}

function jwt(rng: Rng): string {
  const header = b64url(JSON.stringify({ alg: pick(rng, ["HS256", "RS256", "ES256"]), typ: "JWT" }));
  const payload = b64url(JSON.stringify({ sub: String(int(rng, 1, 1e9)), name: pick(rng, WORDS), iat: int(rng, 1.6e9, 1.8e9), role: pick(rng, ["admin", "user", "service_role"]) }));
  return `${header}.${payload}.${mixed(rng, B64URL, 43)}`;
}

function pemBody(rng: Rng, lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(chars(rng, B64, 64));
  out.push(chars(rng, B64, int(rng, 8, 60)) + "==");
  return out.join("\n");
}

// ---------------------------------------------------------------- contexts

const HOSTS = ["db.internal", "prod-db.example.net", "10.0.3.17", "cluster0.x1y2z.mongodb.net", "cache.internal", "mq.example.org"];
const USERS = ["app", "admin", "svc_billing", "deploy", "analytics", "api_user"];

type Ctx = (rng: Rng, name: string, token: string) => string;

/** Contexts where the credential sits next to its name (every format). */
const LABELLED: readonly Ctx[] = [
  (_r, n, t) => `# .env\nNODE_ENV=production\nPORT=8080\n${n}=${t}\nLOG_LEVEL=info\n`,
  (_r, n, t) => `export ${n}="${t}"\n./run-migrations.sh --env prod`,
  (r, n, t) => `import os\n\n${n.toLowerCase()} = "${t}"\nclient = Client(${n.toLowerCase()}=${n.toLowerCase()}, timeout=${int(r, 5, 60)})\n`,
  (_r, n, t) => `const config = {\n  region: "us-east-1",\n  ${camel(n)}: "${t}",\n};\nexport default config;`,
  (_r, n, t) => `package main\n\nfunc main() {\n\t${camel(n)} := "${t}"\n\tclient := api.New(${camel(n)})\n\tlog.Fatal(client.Run())\n}`,
  (_r, n, t) => `services:\n  api:\n    image: acme/api:2.3.1\n    environment:\n      - ${n}=${t}\n      - LOG_LEVEL=debug\n`,
  (_r, n, t) => `{\n  "name": "worker",\n  "${n.toLowerCase()}": "${t}",\n  "retries": 3\n}`,
  (_r, n, t) => `app:\n  debug: false\n  ${n.toLowerCase()}: "${t}"\n  workers: 4\n`,
  (_r, n, t) => `Here is my .env, why does the deploy still fail?\n\n${n}=${t}\nDATABASE_POOL=10`,
  (r, n, t) => `${new Date(Date.UTC(2024, int(r, 0, 11), int(r, 1, 28))).toISOString()} DEBUG loaded settings ${n}=${t} region=eu-west-1`,
  (_r, n, t) => `docker run -e ${n}=${t} -p 8080:8080 acme/api:latest`,
  (_r, n, t) => `[default]\n${n.toLowerCase()} = ${t}\nregion = us-west-2\n`,
];

/** Contexts without a name: only for formats with a distinctive prefix. */
const BARE: readonly Ctx[] = [
  (_r, _n, t) => `my key is ${t} why does it fail with 401?`,
  (_r, _n, t) => `curl -s https://api.example.com/v1/models -H "Authorization: Bearer ${t}" -H "Content-Type: application/json"`,
  (_r, _n, t) => `Traceback (most recent call last):\n  File "app.py", line 42, in <module>\n    client = Client("${t}")\nAuthenticationError: invalid credentials`,
  (_r, _n, t) => `can you check this token for me: ${t}`,
  (r, _n, t) => `[${int(r, 10, 23)}:${int(r, 10, 59)}:${int(r, 10, 59)}] WARN request rejected, credential=${t} status=403`,
  (_r, _n, t) => `I rotated it already but here it is anyway: "${t}". Is it still valid?`,
];

function camel(name: string): string {
  return name.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Whole-document positives: connection strings, private keys, service accounts, webhooks in code. */
const DOCUMENTS: ReadonlyArray<(rng: Rng) => { text: string; kinds: string[] }> = [
  (r) => {
    const pw = password(r);
    const scheme = pick(r, ["postgres", "postgresql", "mysql", "mongodb+srv", "amqp", "rediss"]);
    return { text: `DATABASE_URL=${scheme}://${pick(r, USERS)}:${encodeURIComponent(pw)}@${pick(r, HOSTS)}:${int(r, 1000, 9999)}/app`, kinds: ["connection_string"] };
  },
  (r) => ({ text: `redis_url = "redis://:${encodeURIComponent(password(r))}@${pick(r, HOSTS)}:6379/0"`, kinds: ["connection_string"] }),
  (r) => ({ text: `spring.datasource.url=jdbc:mysql://${pick(r, HOSTS)}:3306/shop?user=${pick(r, USERS)}&password=${password(r).replace(/[&#]/g, "x")}`, kinds: ["connection_string"] }),
  (r) => ({ text: `"ConnectionStrings": { "Default": "Server=${pick(r, HOSTS)};Database=Orders;User Id=${pick(r, USERS)};Password=${password(r).replace(/;/g, "")};" }`, kinds: ["connection_string"] }),
  (r) => ({ text: `Driver={ODBC Driver 18 for SQL Server};Server=tcp:${pick(r, HOSTS)},1433;Uid=${pick(r, USERS)};Pwd=${password(r).replace(/;/g, "")};Encrypt=yes;`, kinds: ["connection_string"] }),
  (r) => ({ text: `git clone https://deploy:${encodeURIComponent(password(r))}@git.example.com/acme/app.git`, kinds: ["password_in_url"] }),
  (r) => {
    const type = pick(r, ["RSA ", "EC ", "OPENSSH ", "ENCRYPTED ", ""]);
    return { text: `Here is the deploy key from the server:\n-----BEGIN ${type}PRIVATE KEY-----\n${pemBody(r, int(r, 4, 12))}\n-----END ${type}PRIVATE KEY-----\n`, kinds: ["private_key"] };
  },
  (r) => ({ text: `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${pemBody(r, 8)}\n-----END PGP PRIVATE KEY BLOCK-----`, kinds: ["private_key"] }),
  (r) => ({
    text: `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@build\nPublic-Lines: 2\n${chars(r, B64, 64)}\n${chars(r, B64, 20)}\nPrivate-Lines: 1\n${chars(r, B64, 44)}\nPrivate-MAC: ${chars(r, HEX, 64)}\n`,
    kinds: ["private_key"],
  }),
  (r) => {
    const project = `${pick(r, ["acme", "shop", "ml"])}-${int(r, 100000, 999999)}`;
    const body = pemBody(r, 10).replace(/\n/g, "\\n");
    return {
      text: `{\n  "type": "service_account",\n  "project_id": "${project}",\n  "private_key_id": "${mixed(r, HEX, 40)}",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "runner@${project}.iam.gserviceaccount.com"\n}`,
      kinds: ["gcp_service_account"],
    };
  },
  (r) => ({
    text: `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acme${int(r, 1, 999)};AccountKey=${mixed(r, B64, 86)}==;EndpointSuffix=core.windows.net"`,
    kinds: ["azure_key"],
  }),
  (r) => ({
    text: `upload to https://acme.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=o&sp=rwl&se=2025-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(mixed(r, B64, 43) + "=")}`,
    kinds: ["azure_sas_token"],
  }),
  (r) => ({
    text: `aws_access_key_id = ${P("AK", "IA")}${mixed(r, BASE32, 16)}\naws_secret_access_key = ${mixed(r, B64, 40).replace(/^[+/]/, "Z")}\n`,
    kinds: ["aws_access_key", "aws_secret_key"],
  }),
  (r) => ({ text: `Authorization: Basic ${b64(`${pick(r, USERS)}:${password(r)}`)}`, kinds: ["basic_auth"] }),
  (r) => ({ text: `mysql -h ${pick(r, HOSTS)} -u root --password ${password(r).replace(/[!$`"'\\]/g, "9")} shop < dump.sql`, kinds: ["password"] }),
];

/**
 * `count` positive examples from `seed`: each embeds one or two format-valid, random credentials in a
 * realistic context; `kinds` lists what the secret detector should report.
 */
export function generateSecretExamples(count: number, seed: number): SecretExample[] {
  const rng = mulberry32(seed);
  const out: SecretExample[] = [];
  for (let i = 0; i < count; i++) {
    if (rng() < 0.2) {
      const doc = pick(rng, DOCUMENTS)(rng);
      out.push({ text: doc.text, category: "secret", source: "synthetic-secrets", kinds: doc.kinds });
      continue;
    }
    const f = FORMATS[i % FORMATS.length] as Format;
    const token = f.gen(rng);
    const name = pick(rng, f.names);
    const ctx = f.needsLabel || rng() < 0.5 ? pick(rng, LABELLED) : pick(rng, BARE);
    out.push({ text: ctx(rng, name, token), category: "secret", source: "synthetic-secrets", kinds: [f.kind] });
  }
  return out;
}

// ---------------------------------------------------------------- negatives

const NEGATIVES: ReadonlyArray<(rng: Rng) => string> = [
  (r) => Array.from({ length: 4 }, () => `commit ${chars(r, HEX, 40)}\nAuthor: Dev <dev@example.com>\nDate:   Mon Mar 4 10:${int(r, 10, 59)}:00 2024 +0100\n\n    ${pick(r, ["Fix flaky test", "Bump deps", "Refactor auth middleware", "Add token refresh docs"])}\n`).join("\n"),
  (r) => `${chars(r, HEX, 7)} (HEAD -> main) Merge pull request #${int(r, 10, 999)} from acme/feature/secret-rotation\n${chars(r, HEX, 7)} Update password reset copy`,
  (r) => `${chars(r, HEX, 64)}  node-v20.11.1-linux-x64.tar.xz\n${chars(r, HEX, 64)}  SHASUMS256.txt`,
  (r) => `sha256: ${chars(r, HEX, 64)}\nchecksum: ${chars(r, HEX, 40)}\nmd5: ${chars(r, HEX, 32)}`,
  (r) => `"node_modules/lodash": {\n  "version": "4.17.${int(r, 10, 21)}",\n  "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",\n  "integrity": "sha512-${chars(r, B64, 86)}=="\n}`,
  (r) => `docker pull ghcr.io/acme/api@sha256:${chars(r, HEX, 64)}\nDigest: sha256:${chars(r, HEX, 64)}`,
  (r) => `{"id": "${uuid(r)}", "request_id": "${uuid(r)}", "trace_id": "${chars(r, HEX, 32)}", "status": "ok"}`,
  (r) => `Upgraded react from 18.2.0 to 18.3.${int(r, 0, 9)}, typescript 5.4.5 -> 5.9.3, node v20.11.1; build 2024.03.${int(r, 10, 28)}-rc.1`,
  (r) => `<img src="data:image/png;base64,iVBORw0KGgo${chars(r, B64, 300)}=" alt="logo">`,
  () => `aws_access_key_id = ${P("AKIA", "IOSFODNN7", "EXAMPLE")}\naws_secret_access_key = ${P("wJalrXUtnFEMI/K7MDENG/", "bPxRfiCY", "EXAMPLEKEY")}`,
  (r) => pick(r, [`OPENAI_API_KEY=<your-api-key>`, `api_key: "your_api_key_here"`, `STRIPE_SECRET_KEY=sk_live_...`, `password: "********"`, `token = "xxxxxxxxxxxxxxxxxxxxxxxx"`, `GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`, `"client_secret": "<redacted>"`, `SECRET_KEY=changeme`, `password = "REPLACE_ME"`]),
  (r) => pick(r, [`api_key = os.environ["OPENAI_API_KEY"]`, `const token = process.env.GITHUB_TOKEN;`, `password: \${DB_PASSWORD}`, `- API_KEY=\${API_KEY}`, `secret := os.Getenv("APP_SECRET")`, `password: "{{ vault_db_password }}"`, `token: !secret telegram_token`, `AUTH_TOKEN=$(cat /run/secrets/token)`]),
  (r) => `const maxTokens = ${int(r, 256, 8192)};\nconst tokenCount = countTokens(prompt);\nif (tokenCount > maxTokens) throw new Error("too long");\nconst passwordField = form.querySelector("#password");`,
  (r) => `To reset your password, open https://accounts.example.com/reset?ref=${chars(r, ALNUM, 8)} and follow the steps. Your session token expires after ${int(r, 5, 60)} minutes.`,
  (r) => `password_hash = "$2b$12$${chars(r, B64.replace(/[+]/g, "."), 53)}"\nsecret_name = "prod/api/${pick(r, USERS)}"\ntoken_url = "https://oauth2.googleapis.com/token"`,
  (r) => `Use the sk-learn-style pipeline; task-${chars(r, ALNUM, 24)} finished; see gh_pages_branch and ghp-import docs; AKIA1234 is too short.`,
  (r) => `--color: #${chars(r, HEX, 6)}; background: url("/img/bg-${chars(r, HEX, 8)}.webp"); font-family: Inter, sans-serif;`,
  (r) => `The cache key is user:${int(r, 1, 99999)}:profile and the etag is "${chars(r, HEX, 32)}". Set max_tokens: 4096 and temperature: 0.2.`,
  (r) => `secret: ${uuid(r)}\ntoken_type: Bearer\nexpires_in: 3600\nscope: "read write"`,
  (r) => `Dockerfile: FROM python:3.12-slim@sha256:${chars(r, HEX, 64)}\nRUN pip install --no-cache-dir -r requirements.txt`,
  (r) => `password: hunter\nusername: admin\nport: 5432\nhost: ${pick(r, HOSTS)}`,
  (r) => `The signature base64 is ${b64(pick(r, ["hello world, this is a plain message", "The quick brown fox jumps over the lazy dog"]))} and the file is /etc/ssl/private/server.key`,
];

/** `count` benign texts full of secret look-alikes (category "benign"). */
export function generateSecretNegatives(count: number, seed: number): SecretNegative[] {
  const rng = mulberry32(seed ^ 0x9e3779b9);
  const out: SecretNegative[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ text: (NEGATIVES[i % NEGATIVES.length] as (r: Rng) => string)(rng), category: "benign", source: "synthetic-secret-negatives" });
  }
  return out;
}

/** Kinds the generator can produce (for coverage checks). */
export const GENERATED_KINDS: readonly string[] = [...new Set(FORMATS.map((f) => f.kind))];
