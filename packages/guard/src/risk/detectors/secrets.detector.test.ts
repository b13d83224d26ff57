import { describe, expect, it } from "vitest";
import { maskSecret, SECRET_POINTS, secretDetector } from "./secrets.detector.ts";
import { expectLinearOnAdversarialInputs, fakeToken, substrings } from "./test-support.ts";

const detect = (text: string) => secretDetector.detect(text);
const b64url = (s: string) => Buffer.from(s).toString("base64url");

// Fake credentials, assembled at run time (see fakeToken).
const AWS_KEY_ID = fakeToken("AK" + "IA", 16, 7, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
const AWS_SECRET = fakeToken("", 40, 8, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+");
const OPENAI_LEGACY = fakeToken("sk" + "-", 48, 1);
const OPENAI_PROJECT = fakeToken("sk" + "-proj-", 120, 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
const ANTHROPIC = fakeToken("sk" + "-ant-api03-", 93, 3, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
const STRIPE_LIVE = fakeToken("sk" + "_live_", 24, 4);
const STRIPE_RESTRICTED = fakeToken("rk" + "_live_", 24, 5);
const GITHUB_CLASSIC = fakeToken("gh" + "p_", 36, 6);
const GITHUB_FINE = fakeToken("github" + "_pat_", 82, 9, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
const SLACK = `xox${"b"}-${fakeToken("", 12, 10, "0123456789")}-${fakeToken("", 13, 11, "0123456789")}-${fakeToken("", 24, 12)}`;
const GOOGLE = fakeToken("AI" + "za", 35, 13, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
const JWT = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"1234567890","name":"Jane","iat":1716239022}')}.${fakeToken("", 43, 14)}`;
const PEM = ["-----BEGIN RSA PRIVATE KEY-----", fakeToken("", 64, 15), fakeToken("", 64, 16), "-----END RSA PRIVATE KEY-----"].join("\n");
const URL_PASSWORD = "S3cr3t!pa55word";

const cases: Array<[string, string, string, string]> = [
  // [name, text, expected span text, expected label]
  ["AWS access key id", `key id ${AWS_KEY_ID} here`, AWS_KEY_ID, `AWS access key ${AWS_KEY_ID.slice(0, 4)}…${AWS_KEY_ID.slice(-4)}`],
  ["AWS secret key next to its label", `aws_secret_access_key = ${AWS_SECRET}\n`, AWS_SECRET, `AWS secret access key …${AWS_SECRET.slice(-4)}`],
  ["AWS secret key in JSON", `{"SecretAccessKey": "${AWS_SECRET}"}`, AWS_SECRET, `AWS secret access key …${AWS_SECRET.slice(-4)}`],
  ["OpenAI legacy key", `OPENAI_API_KEY=${OPENAI_LEGACY}`, OPENAI_LEGACY, `OpenAI API key sk-…${OPENAI_LEGACY.slice(-4)}`],
  ["OpenAI project key", `"${OPENAI_PROJECT}"`, OPENAI_PROJECT, `OpenAI API key sk-proj-…${OPENAI_PROJECT.slice(-4)}`],
  ["Anthropic key", `x-api-key: ${ANTHROPIC}`, ANTHROPIC, `Anthropic API key sk-ant-…${ANTHROPIC.slice(-4)}`],
  ["Stripe live secret key", `stripe ${STRIPE_LIVE}`, STRIPE_LIVE, `Stripe secret key ${STRIPE_LIVE.slice(0, 8)}…${STRIPE_LIVE.slice(-4)}`],
  ["Stripe restricted key", `stripe ${STRIPE_RESTRICTED}`, STRIPE_RESTRICTED, `Stripe restricted key ${STRIPE_RESTRICTED.slice(0, 8)}…${STRIPE_RESTRICTED.slice(-4)}`],
  ["GitHub classic token", `token ${GITHUB_CLASSIC}`, GITHUB_CLASSIC, `GitHub token ${GITHUB_CLASSIC.slice(0, 4)}…${GITHUB_CLASSIC.slice(-4)}`],
  ["GitHub fine-grained token", `${GITHUB_FINE}`, GITHUB_FINE, `GitHub token ${GITHUB_FINE.slice(0, 11)}…${GITHUB_FINE.slice(-4)}`],
  ["Slack bot token", `SLACK_TOKEN=${SLACK}`, SLACK, `Slack token ${SLACK.slice(0, 5)}…${SLACK.slice(-4)}`],
  ["Google API key", `key=${GOOGLE}&q=1`, GOOGLE, `Google API key ${GOOGLE.slice(0, 4)}…${GOOGLE.slice(-4)}`],
  ["JWT", `Authorization: Bearer ${JWT}`, JWT, "JWT (alg HS256)"],
  ["PEM private key block", `key:\n${PEM}\nend`, PEM, "RSA private key block"],
  ["password in a URL", `DATABASE_URL=postgres://app:${URL_PASSWORD}@db.internal:5432/app`, URL_PASSWORD, "password in postgres:// URL for db.internal"],
];

describe("secret detector", () => {
  it.each(cases)("finds a %s with a span on the value and a masked label", (_name, text, value, label) => {
    const found = detect(text);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe(value);
    expect(found[0]?.label).toBe(label);
  });

  it.each([
    ["an AWS documentation example key", "AKIAIOSFODNN7EXAMPLE"],
    ["a too-short AWS key id", "AKIA1234"],
    ["a key glued to a longer word", `X${AWS_KEY_ID}`],
    ["a 40-char string without an AWS label", `checksum ${AWS_SECRET}`],
    ["scikit-learn style names", "use sk-learn-preprocessing-pipeline-helpers-for-tabular-data today"],
    ["a task id", `task-${fakeToken("", 40, 20)}`],
    ["a Stripe test key", fakeToken("sk" + "_test_", 24, 21)],
    ["a public key and a certificate", "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----"],
    ["a JWT-shaped string whose header has no alg", `${b64url('{"typ":"JWT","kid":"1"}')}.${b64url('{"sub":"1"}')}.sig`],
    ["an eyJ string that is not JSON", `eyJ${"x".repeat(20)}.abcdef.ghi`],
    ["placeholder passwords in URLs", "postgres://user:password@localhost/db https://u:${PASS}@h https://u:****@h https://u:<password>@h https://u:%DB_PASS%@h"],
    ["URLs without a password", "https://example.com:8080/path http://user@host.example mailto:me@example.com"],
  ])("ignores %s", (_name, text) => {
    expect(detect(text)).toEqual([]);
  });

  it("masks secrets to their public prefix and last four characters", () => {
    expect(maskSecret(AWS_KEY_ID, 4)).toBe(`${AWS_KEY_ID.slice(0, 4)}…${AWS_KEY_ID.slice(-4)}`);
    expect(maskSecret("short-secret", 3)).toBe("sho…");
  });

  it("never puts more than the public prefix and last four characters of a secret into the factor detail", () => {
    const text = cases.map(([, t]) => t).join("\n");
    const findings = detect(text).map((f) => ({ ...f, field: "prompt" as const }));
    expect(findings.length).toBe(cases.length);
    const factor = secretDetector.toFactor(findings);
    expect(factor).toMatchObject({ type: "secret", points: SECRET_POINTS });
    for (const [, , value] of cases) {
      const body = value.replace(/^(sk-ant-|sk-proj-|sk-|sk_live_|rk_live_|ghp_|github_pat_|xoxb-|AIza|AKIA)/, "");
      for (const piece of substrings(body, 8)) expect(factor.detail).not.toContain(piece);
    }
  });

  it("stays linear on adversarial input", () => {
    expectLinearOnAdversarialInputs(detect);
  });
});
