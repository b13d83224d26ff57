/**
 * Credential formats of the major providers, written from each provider's own documentation of its token
 * format (prefix, alphabet, length). Every rule is a literal prefix plus bounded character classes and a
 * negative lookahead: sticky, no nested quantifiers, so a check costs O(token length).
 *
 * Rules are grouped by how the scanner in secrets.detector.ts locates them (see `triggerOf`):
 * - "sep": the prefix contains "_" or "-"; keyed by the prefix up to and including the first separator.
 * - "dot": the prefix contains "." (and no earlier separator); keyed by the prefix up to the first dot.
 * - "upper": prefixes starting with "A" (AKIA, AIza, ATATT …) or "EAAA", found by a scan for "A".
 */

/** Stable ids of everything the secret detector reports; ingest redaction writes `[SECRET:<kind>]`. */
export const SECRET_KINDS = [
  "aws_access_key",
  "aws_secret_key",
  "aws_session_token",
  "gcp_service_account",
  "google_api_key",
  "google_oauth_secret",
  "google_oauth_token",
  "azure_key",
  "azure_sas_token",
  "github_token",
  "gitlab_token",
  "bitbucket_token",
  "atlassian_token",
  "npm_token",
  "pypi_token",
  "docker_hub_token",
  "huggingface_token",
  "openai_api_key",
  "anthropic_api_key",
  "groq_api_key",
  "replicate_api_token",
  "perplexity_api_key",
  "cohere_api_key",
  "mistral_api_key",
  "stripe_key",
  "paypal_braintree_token",
  "square_token",
  "shopify_token",
  "twilio_key",
  "sendgrid_api_key",
  "mailgun_api_key",
  "mailchimp_api_key",
  "slack_token",
  "slack_webhook",
  "discord_bot_token",
  "discord_webhook",
  "telegram_bot_token",
  "datadog_api_key",
  "new_relic_key",
  "digitalocean_token",
  "heroku_api_key",
  "vault_token",
  "doppler_token",
  "linear_api_key",
  "notion_token",
  "postman_api_key",
  "databricks_token",
  "grafana_token",
  "sentry_token",
  "planetscale_token",
  "pulumi_token",
  "age_secret_key",
  "terraform_token",
  "dynatrace_token",
  "brevo_api_key",
  "mapbox_token",
  "rubygems_token",
  "shippo_token",
  "flutterwave_key",
  "typeform_token",
  "prefect_token",
  "readme_api_key",
  "duffel_token",
  "frameio_token",
  "infracost_api_key",
  "onepassword_token",
  "supabase_token",
  "netlify_token",
  "render_api_key",
  "tailscale_key",
  "airtable_token",
  "contentful_token",
  "figma_token",
  "sourcegraph_token",
  "buildkite_token",
  "jfrog_token",
  "octopus_api_key",
  "adafruit_key",
  "clojars_token",
  "scalingo_token",
  "hubspot_token",
  "launchdarkly_key",
  "twitter_bearer_token",
  "jwt",
  "private_key",
  "password_in_url",
  "connection_string",
  "password",
  "bearer_token",
  "basic_auth",
  "generic_secret",
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** A finding before overlap resolution: `prio` decides which of two overlapping findings is kept. */
export interface SecretHit {
  start: number;
  end: number;
  label: string;
  kind: SecretKind;
  /** 3 provider format, private key, JWT; 2 URL and connection-string passwords; 1 labelled assignment. */
  prio: number;
}

export interface TokenRule {
  kind: SecretKind;
  /** Human label; the detector appends the masked value. */
  label: string;
  /** Literal, case-sensitive start of every token of this format. */
  prefix: string;
  /** Sticky regex matching the whole token (prefix included) at the candidate position. */
  body: RegExp;
  /** Characters of the value that may be shown: the public, type-identifying prefix. */
  visiblePrefix: number;
  valid?: (value: string) => boolean;
  /** The scanner's lookup keys when the prefix alone does not spell them (see `triggerOf`); [] = found by a label only. */
  keys?: readonly string[];
}

/**
 * "AKIA…XYZW": the public, type-identifying prefix, an ellipsis and the last four characters, and only the
 * ellipsis when the value is too short for that to hide at least 12 characters. Nothing else of a secret
 * ever reaches a detail.
 */
export function maskSecret(value: string, visiblePrefix: number): string {
  const prefix = value.slice(0, visiblePrefix);
  return value.length >= visiblePrefix + 16 ? `${prefix}…${value.slice(-4)}` : `${prefix}…`;
}

export function hasDigitAndLetter(s: string): boolean {
  return /\d/.test(s) && /[A-Za-z]/.test(s);
}

/** Fewer than `min` distinct characters after the prefix: "AKIAXXXXXXXXXXXXXXXX", "ghp_000…" are placeholders. */
export function hasVariety(s: string, from: number, min = 6): boolean {
  let seen = "";
  for (let i = from; i < s.length && seen.length < min; i++) {
    const ch = s[i] ?? "";
    if (!seen.includes(ch)) seen += ch;
  }
  return seen.length >= min;
}

/** Documentation examples (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY) and dummy values. */
export function looksLikeExample(s: string): boolean {
  return /EXAMPLE|example|XXXXXXXX|xxxxxxxx|\*\*\*\*|0{12}|1234567890abcdef|your_?(?:api_?)?key|placeholder/i.test(s);
}

const varied = (from: number) => (v: string) => hasVariety(v, from) && !looksLikeExample(v);

export const TOKEN_RULES: readonly TokenRule[] = [
  // ---- AI providers
  // Anthropic console keys: "sk-ant-api03-" / "sk-ant-admin01-" + ~95 base64url characters.
  { kind: "anthropic_api_key", label: "Anthropic API key", prefix: "sk-ant-", body: /sk-ant-[A-Za-z0-9_-]{32,250}(?![A-Za-z0-9_-])/y, visiblePrefix: 7, valid: varied(7) },
  // OpenAI project, service-account and admin keys: "sk-proj-", "sk-svcacct-", "sk-admin-" + 40–200 base64url chars.
  {
    kind: "openai_api_key",
    label: "OpenAI API key",
    prefix: "sk-",
    body: /sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,250}(?![A-Za-z0-9_-])/y,
    visiblePrefix: 8,
    valid: varied(8),
  },
  // OpenAI legacy user keys: "sk-" + 48 alphanumerics (with the "T3BlbkFJ" marker in the middle).
  { kind: "openai_api_key", label: "OpenAI API key", prefix: "sk-", body: /sk-[A-Za-z0-9]{32,100}(?![A-Za-z0-9_-])/y, visiblePrefix: 3, valid: (v) => hasDigitAndLetter(v) && varied(3)(v) },
  // Groq: "gsk_" + 52 alphanumerics.
  { kind: "groq_api_key", label: "Groq API key", prefix: "gsk_", body: /gsk_[A-Za-z0-9]{48,60}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // Replicate API tokens: "r8_" + 37 alphanumerics.
  { kind: "replicate_api_token", label: "Replicate API token", prefix: "r8_", body: /r8_[A-Za-z0-9]{36,40}(?![A-Za-z0-9_-])/y, visiblePrefix: 3, valid: varied(3) },
  // Perplexity: "pplx-" + 48 alphanumerics.
  { kind: "perplexity_api_key", label: "Perplexity API key", prefix: "pplx-", body: /pplx-[A-Za-z0-9]{40,64}(?![A-Za-z0-9_-])/y, visiblePrefix: 5, valid: varied(5) },
  // Hugging Face user access tokens "hf_" + 34 letters; organisation tokens "api_org_" + 34 letters.
  { kind: "huggingface_token", label: "Hugging Face token", prefix: "hf_", body: /hf_[A-Za-z0-9]{30,40}(?![A-Za-z0-9_-])/y, visiblePrefix: 3, valid: varied(3) },
  { kind: "huggingface_token", label: "Hugging Face token", prefix: "api_org_", body: /api_org_[A-Za-z0-9]{30,40}(?![A-Za-z0-9_-])/y, visiblePrefix: 8, valid: varied(8) },

  // ---- code hosting and package registries
  // GitHub: classic PAT "ghp_", OAuth "gho_", user-to-server "ghu_", server-to-server "ghs_", refresh "ghr_" + 36.
  { kind: "github_token", label: "GitHub token", prefix: "gh", keys: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], body: /gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9])/y, visiblePrefix: 4, valid: varied(4) },
  // GitHub fine-grained PATs: "github_pat_" + 22 + "_" + 59.
  { kind: "github_token", label: "GitHub token", prefix: "github_pat_", body: /github_pat_[A-Za-z0-9_]{50,240}(?![A-Za-z0-9_])/y, visiblePrefix: 11, valid: varied(11) },
  // GitLab token prefixes (docs "Token prefixes"): personal glpat-, deploy gldt-, runner glrt-/glrtr-, pipeline trigger
  // glptt-, feed glft-, incoming mail glimt-, agent glagent-, SCIM glsoat-, OAuth app secret gloas-, CI job glcbt-,
  // feature-flag client glffct-; 20+ base64url chars, newer routable tokens end ".01.<crc>".
  {
    kind: "gitlab_token",
    label: "GitLab token",
    prefix: "gl",
    keys: ["glpat-", "gldt-", "glrt-", "glrtr-", "glptt-", "glft-", "glimt-", "glagent-", "glsoat-", "gloas-", "glcbt-", "glffct-", "glwt-"],
    body: /gl(?:pat|dt|rt|rtr|ptt|ft|imt|agent|soat|oas|cbt|ffct|wt)-[A-Za-z0-9_-]{20,250}(?:\.[0-9a-z]{2}\.[0-9a-z]{7,12})?(?![A-Za-z0-9_.-])/y,
    visiblePrefix: 6,
    valid: varied(6),
  },
  // Bitbucket Cloud app passwords: "ATBB" + 28 alphanumerics + 8 hex; Bitbucket Data Center HTTP tokens "BBDC-" + 44.
  { kind: "bitbucket_token", label: "Bitbucket app password", prefix: "ATBB", body: /ATBB[A-Za-z0-9]{28,40}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  { kind: "bitbucket_token", label: "Bitbucket access token", prefix: "BBDC-", body: /BBDC-[A-Za-z0-9+/_-]{40,60}(?![A-Za-z0-9+/_-])/y, visiblePrefix: 5, valid: varied(5) },
  // Atlassian API tokens "ATATT3" and admin API keys "ATCTT3" + ~180 base64url chars, "=", 8 hex checksum.
  { kind: "atlassian_token", label: "Atlassian API token", prefix: "AT", keys: ["ATATT3", "ATCTT3"], body: /AT[AC]TT3[A-Za-z0-9_=-]{100,400}(?![A-Za-z0-9_=-])/y, visiblePrefix: 6, valid: varied(6) },
  // npm granular/automation tokens: "npm_" + 36 alphanumerics.
  { kind: "npm_token", label: "npm token", prefix: "npm_", body: /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // PyPI API tokens: "pypi-" + base64 macaroon; "AgEIcHlwaS5vcmc" encodes "pypi.org", "AgENdGVzdC5weXBpLm9yZw" test.pypi.org.
  { kind: "pypi_token", label: "PyPI token", prefix: "pypi-", body: /pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/y, visiblePrefix: 5 },
  // Docker Hub personal access tokens "dckr_pat_" and organisation access tokens "dckr_oat_" + 27 base64url.
  { kind: "docker_hub_token", label: "Docker Hub token", prefix: "dckr_", body: /dckr_(?:pat|oat)_[A-Za-z0-9_-]{24,40}(?![A-Za-z0-9_-])/y, visiblePrefix: 9, valid: varied(9) },

  // ---- payments and commerce
  // Stripe secret "sk_live_"/"sk_test_", restricted "rk_live_"/"rk_test_" + 24–99 alphanumerics; webhook secrets "whsec_".
  { kind: "stripe_key", label: "Stripe secret key", prefix: "sk_", body: /sk_(?:live|test)_[A-Za-z0-9]{20,250}(?![A-Za-z0-9])/y, visiblePrefix: 8, valid: varied(8) },
  { kind: "stripe_key", label: "Stripe restricted key", prefix: "rk_", body: /rk_(?:live|test)_[A-Za-z0-9]{20,250}(?![A-Za-z0-9])/y, visiblePrefix: 8, valid: varied(8) },
  { kind: "stripe_key", label: "Stripe webhook secret", prefix: "whsec_", body: /whsec_[A-Za-z0-9+/]{24,100}(?![A-Za-z0-9+/_-])/y, visiblePrefix: 6, valid: varied(6) },
  // PayPal/Braintree access tokens: "access_token$production$" or "$sandbox$" + 16 [0-9a-z] + "$" + 32 hex.
  {
    kind: "paypal_braintree_token",
    label: "Braintree access token",
    prefix: "access_token$",
    body: /access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}(?![A-Za-z0-9])/y,
    visiblePrefix: 13,
  },
  // Square: access tokens "sq0atp-" + 22 and "EAAA" + 60, application secrets "sq0csp-" + 43 (base64url).
  { kind: "square_token", label: "Square access token", prefix: "sq0atp-", body: /sq0atp-[A-Za-z0-9_-]{22,60}(?![A-Za-z0-9_-])/y, visiblePrefix: 7, valid: varied(7) },
  { kind: "square_token", label: "Square application secret", prefix: "sq0csp-", body: /sq0csp-[A-Za-z0-9_-]{40,60}(?![A-Za-z0-9_-])/y, visiblePrefix: 7, valid: varied(7) },
  { kind: "square_token", label: "Square access token", prefix: "EAAA", body: /EAAA[A-Za-z0-9_-]{56,100}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: (v) => hasDigitAndLetter(v) && varied(4)(v) },
  // Shopify Admin API access tokens "shpat_", shared secrets "shpss_", custom-app "shpca_", private-app "shppa_" + 32 hex.
  { kind: "shopify_token", label: "Shopify token", prefix: "shp", keys: ["shpat_", "shpss_", "shpca_", "shppa_"], body: /shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9_-])/y, visiblePrefix: 6, valid: varied(6) },

  // ---- messaging and e-mail
  // Slack tokens: bot xoxb-, user xoxp-, app-level xapp-, legacy xoxa-/xoxr-/xoxs-/xoxo-, refresh xoxe-.
  { kind: "slack_token", label: "Slack token", prefix: "xox", keys: ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-", "xoxe-", "xoxo-"], body: /xox[baprseo]-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9_-])/y, visiblePrefix: 5, valid: (v) => /\d/.test(v) && varied(5)(v) },
  { kind: "slack_token", label: "Slack token", prefix: "xapp-", body: /xapp-\d-[A-Za-z0-9-]{20,250}(?![A-Za-z0-9_-])/y, visiblePrefix: 5, valid: varied(5) },
  // SendGrid API keys: "SG." + 22 base64url + "." + 43 base64url.
  { kind: "sendgrid_api_key", label: "SendGrid API key", prefix: "SG.", body: /SG\.[A-Za-z0-9_-]{20,24}\.[A-Za-z0-9_-]{40,46}(?![A-Za-z0-9_-])/y, visiblePrefix: 3, valid: varied(3) },
  // Mailgun private API keys (legacy format): "key-" + 32 hex.
  { kind: "mailgun_api_key", label: "Mailgun API key", prefix: "key-", body: /key-[0-9a-f]{32}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // Mailchimp API keys: 32 hex + "-us" + data-centre number (handled by the scanner: the 32-hex head has no prefix).
  // Twilio API key SIDs "SK" and account SIDs "AC" + 32 hex: only next to the word "twilio" (scanner).

  // ---- cloud and infrastructure
  // AWS access key ids: "AKIA" (long-term), "ASIA" (STS temporary), "ABIA" (STS service bearer), "ACCA" (context) + 16 base32.
  {
    kind: "aws_access_key",
    label: "AWS access key",
    prefix: "A",
    keys: ["AKIA", "ASIA", "ABIA", "ACCA"],
    body: /A(?:KIA|SIA|BIA|CCA)[A-Z0-9]{16}(?![A-Za-z0-9])/y,
    visiblePrefix: 4,
    valid: varied(4),
  },
  // Google API keys: "AIza" + 35 base64url.
  { kind: "google_api_key", label: "Google API key", prefix: "AIza", body: /AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/y, visiblePrefix: 4, valid: varied(4) },
  // Google OAuth client secrets: "GOCSPX-" + 28 base64url.
  { kind: "google_oauth_secret", label: "Google OAuth client secret", prefix: "GOCSPX-", body: /GOCSPX-[A-Za-z0-9_-]{24,32}(?![A-Za-z0-9_-])/y, visiblePrefix: 7, valid: varied(7) },
  // Google OAuth access tokens: "ya29." + base64url.
  { kind: "google_oauth_token", label: "Google OAuth access token", prefix: "ya29.", body: /ya29\.[A-Za-z0-9_-]{30,2000}(?![A-Za-z0-9_-])/y, visiblePrefix: 5, valid: varied(5) },
  // DigitalOcean personal access "dop_v1_", OAuth "doo_v1_", refresh "dor_v1_" + 64 hex.
  { kind: "digitalocean_token", label: "DigitalOcean token", prefix: "do", keys: ["dop_", "doo_", "dor_"], body: /do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9_-])/y, visiblePrefix: 7, valid: varied(7) },
  // Heroku API keys in the 2024 format: "HRKU-" + base64url (older keys are UUIDs: labelled assignments only).
  { kind: "heroku_api_key", label: "Heroku API key", prefix: "HRKU-", body: /HRKU-[A-Za-z0-9_-]{40,80}(?![A-Za-z0-9_-])/y, visiblePrefix: 5, valid: varied(5) },
  // HashiCorp Vault service tokens "hvs.", batch "hvb.", recovery "hvr." + base64url (≥ 24).
  { kind: "vault_token", label: "Vault token", prefix: "hv", keys: ["hvs.", "hvb.", "hvr."], body: /hv[sbr]\.[A-Za-z0-9_-]{24,400}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // Doppler tokens: personal "dp.pt.", service "dp.st." (optionally "dp.st.<config>."), CLI "dp.ct.", service
  // account "dp.sa.", SCIM "dp.scim.", audit "dp.audit." + 40–44 alphanumerics.
  {
    kind: "doppler_token",
    label: "Doppler token",
    prefix: "dp.",
    body: /dp\.(?:pt|st|ct|sa|scim|audit)\.(?:[a-z0-9_-]{1,40}\.)?[A-Za-z0-9]{40,44}(?![A-Za-z0-9_-])/y,
    visiblePrefix: 6,
    valid: varied(6),
  },
  // New Relic: user API keys "NRAK-" + 27 uppercase alphanumerics; also browser "NRJS-", insights "NRII-"/"NRIQ-",
  // admin "NRAA-", REST "NRRA-" keys.
  { kind: "new_relic_key", label: "New Relic key", prefix: "NR", keys: ["NRAK-", "NRAA-", "NRII-", "NRIQ-", "NRJS-", "NRRA-"], body: /NR(?:AK|AA|II|IQ|JS|RA)-[A-Za-z0-9_-]{19,40}(?![A-Za-z0-9_-])/y, visiblePrefix: 5, valid: varied(5) },
  // Databricks personal access tokens: "dapi" + 32 hex, optional "-<digit>" suffix (found after a label or by the suffix).
  { kind: "databricks_token", label: "Databricks token", prefix: "dapi", keys: [], body: /dapi[0-9a-f]{32}(?:-\d)?(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },

  // ---- productivity
  // Linear personal API keys "lin_api_" + 40 alphanumerics; OAuth tokens "lin_oauth_" + 64 hex.
  { kind: "linear_api_key", label: "Linear API key", prefix: "lin_", body: /lin_(?:api|oauth)_[A-Za-z0-9]{40,64}(?![A-Za-z0-9_-])/y, visiblePrefix: 8, valid: varied(8) },
  // Notion integration tokens: legacy "secret_" + 43 alphanumerics, current "ntn_" + 46.
  { kind: "notion_token", label: "Notion token", prefix: "secret_", body: /secret_[A-Za-z0-9]{43}(?![A-Za-z0-9_-])/y, visiblePrefix: 7, valid: (v) => hasDigitAndLetter(v.slice(7)) && varied(7)(v) },
  { kind: "notion_token", label: "Notion token", prefix: "ntn_", body: /ntn_[A-Za-z0-9]{40,50}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // Postman API keys: "PMAK-" + 24 hex + "-" + 34 hex.
  { kind: "postman_api_key", label: "Postman API key", prefix: "PMAK-", body: /PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9_-])/y, visiblePrefix: 5, valid: varied(5) },

  // ---- more developer platforms (each from the provider's documented token prefix)
  // Grafana Cloud access policy tokens "glc_" (base64) and service account tokens "glsa_" + 32 alnum + "_" + 8 hex.
  { kind: "grafana_token", label: "Grafana token", prefix: "glc_", body: /glc_[A-Za-z0-9+/=_-]{32,400}(?![A-Za-z0-9+/=_-])/y, visiblePrefix: 4, valid: varied(4) },
  { kind: "grafana_token", label: "Grafana token", prefix: "glsa_", body: /glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Za-z0-9_-])/y, visiblePrefix: 5, valid: varied(5) },
  // Sentry organisation auth tokens "sntrys_" (base64 JSON + "_" + secret) and user tokens "sntryu_" + 64 hex.
  { kind: "sentry_token", label: "Sentry auth token", prefix: "sntry", keys: ["sntrys_", "sntryu_"], body: /sntry[su]_[A-Za-z0-9+/=_-]{60,400}(?![A-Za-z0-9+/=_-])/y, visiblePrefix: 7, valid: varied(7) },
  // PlanetScale service tokens "pscale_tkn_", passwords "pscale_pw_", OAuth "pscale_oauth_" + 32–64 base64url.
  { kind: "planetscale_token", label: "PlanetScale token", prefix: "pscale_", body: /pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}(?![A-Za-z0-9_.-])/y, visiblePrefix: 10, valid: varied(10) },
  // Pulumi access tokens: "pul-" + 40 hex.
  { kind: "pulumi_token", label: "Pulumi access token", prefix: "pul-", body: /pul-[a-f0-9]{40}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // age (file encryption) identities: "AGE-SECRET-KEY-1" + 58 bech32 characters (upper case).
  { kind: "age_secret_key", label: "age secret key", prefix: "AGE-SECRET-KEY-1", body: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9])/y, visiblePrefix: 16 },
  // Dynatrace API tokens: "dt0c01." + 24 + "." + 64 upper-case alphanumerics.
  { kind: "dynatrace_token", label: "Dynatrace token", prefix: "dt0c01.", body: /dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}(?![A-Za-z0-9_-])/y, visiblePrefix: 7, valid: varied(7) },
  // Brevo (Sendinblue) API keys "xkeysib-" and SMTP keys "xsmtpsib-": 64 hex + "-" + 16 alphanumerics.
  { kind: "brevo_api_key", label: "Brevo API key", prefix: "x", keys: ["xkeysib-", "xsmtpsib-"], body: /x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}(?![A-Za-z0-9_-])/y, visiblePrefix: 8, valid: varied(8) },
  // Mapbox secret access tokens: "sk." + base64url JWT-like parts (public "pk." tokens are public).
  { kind: "mapbox_token", label: "Mapbox secret token", prefix: "sk.eyJ", body: /sk\.eyJ[A-Za-z0-9_-]{30,300}\.[A-Za-z0-9_-]{20,100}(?![A-Za-z0-9_-])/y, visiblePrefix: 3, valid: varied(3) },
  // RubyGems API keys: "rubygems_" + 48 hex.
  { kind: "rubygems_token", label: "RubyGems API key", prefix: "rubygems_", body: /rubygems_[a-f0-9]{48}(?![A-Za-z0-9_-])/y, visiblePrefix: 9, valid: varied(9) },
  // Shippo API tokens: "shippo_live_" / "shippo_test_" + 40 hex.
  { kind: "shippo_token", label: "Shippo API token", prefix: "shippo_", body: /shippo_(?:live|test)_[a-f0-9]{40}(?![A-Za-z0-9_-])/y, visiblePrefix: 12, valid: varied(12) },
  // Flutterwave secret keys: "FLWSECK-" / "FLWSECK_TEST-" + 32 hex + "-X".
  { kind: "flutterwave_key", label: "Flutterwave secret key", prefix: "FLWSECK", keys: ["FLWSECK-", "FLWSECK_"], body: /FLWSECK(?:_TEST)?-[a-f0-9]{32}-X(?![A-Za-z0-9_-])/y, visiblePrefix: 8, valid: varied(8) },
  // Typeform personal tokens: "tfp_" + base64url + "_" + 14.
  { kind: "typeform_token", label: "Typeform token", prefix: "tfp_", body: /tfp_[A-Za-z0-9_.-]{40,80}(?![A-Za-z0-9_.-])/y, visiblePrefix: 4, valid: varied(4) },
  // Prefect Cloud API keys: "pnu_" + 36 alphanumerics.
  { kind: "prefect_token", label: "Prefect API key", prefix: "pnu_", body: /pnu_[A-Za-z0-9]{36}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // ReadMe API keys: "rdme_" + 70 alphanumerics.
  { kind: "readme_api_key", label: "ReadMe API key", prefix: "rdme_", body: /rdme_[A-Za-z0-9]{70}(?![A-Za-z0-9_-])/y, visiblePrefix: 5, valid: varied(5) },
  // Duffel access tokens: "duffel_live_" / "duffel_test_" + 43 base64url.
  { kind: "duffel_token", label: "Duffel access token", prefix: "duffel_", body: /duffel_(?:live|test)_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y, visiblePrefix: 12, valid: varied(12) },
  // Frame.io developer tokens: "fio-u-" + 64 base64url.
  { kind: "frameio_token", label: "Frame.io token", prefix: "fio-", body: /fio-u-[A-Za-z0-9_=-]{64}(?![A-Za-z0-9_=-])/y, visiblePrefix: 6, valid: varied(6) },
  // Infracost API keys: "ico-" + 32 alphanumerics.
  { kind: "infracost_api_key", label: "Infracost API key", prefix: "ico-", body: /ico-[A-Za-z0-9]{32}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // 1Password service account tokens: "ops_" + base64url JSON ("eyJ…").
  { kind: "onepassword_token", label: "1Password service account token", prefix: "ops_eyJ", body: /ops_eyJ[A-Za-z0-9+/=_-]{100,2000}(?![A-Za-z0-9+/=_-])/y, visiblePrefix: 4, valid: varied(4) },
  // Supabase personal access tokens "sbp_" + 40 hex; secret API keys "sb_secret_" + base64url.
  { kind: "supabase_token", label: "Supabase token", prefix: "sbp_", body: /sbp_[a-f0-9]{40}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  { kind: "supabase_token", label: "Supabase secret key", prefix: "sb_secret_", body: /sb_secret_[A-Za-z0-9_-]{30,80}(?![A-Za-z0-9_-])/y, visiblePrefix: 10, valid: varied(10) },
  // Netlify personal access tokens: "nfp_" + 36 alphanumerics.
  { kind: "netlify_token", label: "Netlify token", prefix: "nfp_", body: /nfp_[A-Za-z0-9]{36,40}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // Render API keys: "rnd_" + 32 alphanumerics.
  { kind: "render_api_key", label: "Render API key", prefix: "rnd_", body: /rnd_[A-Za-z0-9]{28,40}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // Tailscale keys: "tskey-<type>-<key id>-<secret>" (api, auth, client, scim, webhook).
  { kind: "tailscale_key", label: "Tailscale key", prefix: "tskey-", body: /tskey-[a-z]{3,8}-[A-Za-z0-9]{8,24}-[A-Za-z0-9]{20,48}(?![A-Za-z0-9_-])/y, visiblePrefix: 6, valid: varied(6) },
  // Contentful personal access tokens: "CFPAT-" + 43 base64url.
  { kind: "contentful_token", label: "Contentful token", prefix: "CFPAT-", body: /CFPAT-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y, visiblePrefix: 6, valid: varied(6) },
  // Figma personal access tokens: "figd_" + 40 base64url.
  { kind: "figma_token", label: "Figma token", prefix: "figd_", body: /figd_[A-Za-z0-9_-]{40,48}(?![A-Za-z0-9_-])/y, visiblePrefix: 5, valid: varied(5) },
  // Sourcegraph access tokens: "sgp_" + (16 hex "_")? + 40 hex.
  { kind: "sourcegraph_token", label: "Sourcegraph token", prefix: "sgp_", body: /sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // Buildkite user API tokens: "bkua_" + 40 hex; agent tokens "bkagent_".
  { kind: "buildkite_token", label: "Buildkite token", prefix: "bk", keys: ["bkua_", "bkagent_"], body: /bk(?:ua|agent)_[a-f0-9]{40}(?![A-Za-z0-9_-])/y, visiblePrefix: 5, valid: varied(5) },
  // JFrog Artifactory API keys: "AKCp" + 69 alphanumerics.
  { kind: "jfrog_token", label: "JFrog API key", prefix: "AKCp", body: /AKCp[A-Za-z0-9]{69}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // Octopus Deploy API keys: "API-" + 26–32 upper-case alphanumerics.
  { kind: "octopus_api_key", label: "Octopus Deploy API key", prefix: "API-", body: /API-[A-Z0-9]{26,32}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: (v) => /\d/.test(v.slice(4)) && varied(4)(v) },
  // Adafruit IO keys: "aio_" + 28 alphanumerics.
  { kind: "adafruit_key", label: "Adafruit IO key", prefix: "aio_", body: /aio_[A-Za-z0-9]{28}(?![A-Za-z0-9_-])/y, visiblePrefix: 4, valid: varied(4) },
  // Clojars deploy tokens: "CLOJARS_" + 60 hex.
  { kind: "clojars_token", label: "Clojars token", prefix: "CLOJARS_", body: /CLOJARS_[a-f0-9]{60}(?![A-Za-z0-9_-])/y, visiblePrefix: 8, valid: varied(8) },
  // Scalingo API tokens: "tk-us-" + 48 base64url.
  { kind: "scalingo_token", label: "Scalingo token", prefix: "tk-", body: /tk-us-[A-Za-z0-9_-]{48}(?![A-Za-z0-9_-])/y, visiblePrefix: 6, valid: varied(6) },
  // HubSpot private app tokens: "pat-<region>-" + UUID.
  { kind: "hubspot_token", label: "HubSpot private app token", prefix: "pat-", body: /pat-(?:na|eu|ap)\d-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}(?![A-Za-z0-9_-])/y, visiblePrefix: 8 },
  // LaunchDarkly API access tokens "api-" and SDK keys "sdk-" + UUID.
  { kind: "launchdarkly_key", label: "LaunchDarkly key", prefix: "", keys: ["api-", "sdk-"], body: /(?:api|sdk)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}(?![A-Za-z0-9_-])/y, visiblePrefix: 4 },
  // X (Twitter) app-only bearer tokens: 22 × "A" + URL-encoded base64.
  { kind: "twitter_bearer_token", label: "X (Twitter) bearer token", prefix: "AAAAAAAAAAAAAAAAAAAAA", keys: ["AAAA"], body: /A{20,24}[A-Za-z0-9%]{60,140}(?![A-Za-z0-9%_-])/y, visiblePrefix: 4, valid: (v) => hasDigitAndLetter(v) && /%/.test(v) },
];

export type Trigger = "sep" | "dot" | "upper";

/** Rules grouped by trigger and lookup key. */
export function indexRules(rules: readonly TokenRule[]): Record<Trigger, Map<string, TokenRule[]>> {
  const index: Record<Trigger, Map<string, TokenRule[]>> = { sep: new Map(), dot: new Map(), upper: new Map() };
  for (const rule of rules) {
    for (const literal of rule.keys ?? [rule.prefix]) {
      const { trigger, key: k } = triggerOf(literal);
      const key = trigger === "upper" ? k.slice(0, 4) : k;
      const list = index[trigger].get(key) ?? [];
      list.push(rule);
      index[trigger].set(key, list);
    }
  }
  return index;
}

/** How the scanner finds candidates for a literal start, and the key it is looked up by. */
export function triggerOf(prefix: string): { trigger: Trigger; key: string } {
  const sep = prefix.search(/[_-]/);
  const dot = prefix.indexOf(".");
  if (sep >= 0 && (dot < 0 || sep < dot)) return { trigger: "sep", key: prefix.slice(0, sep + 1) };
  if (dot >= 0) return { trigger: "dot", key: prefix.slice(0, dot + 1) };
  return { trigger: "upper", key: prefix };
}
