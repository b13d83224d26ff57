import { keywordRules } from "./lexicon.ts";
import { createRuleDetector, describeKeywords, type RuleDetector } from "./rule-detector.ts";

/** Design rule "Sensitive keywords detected: +20", scored once however many keywords match. */
export const SENSITIVE_KEYWORD_POINTS = 20;
/** Per-project blocked keywords: +20 once, as their own factor type. */
export const BLOCKED_KEYWORD_POINTS = 20;

/**
 * Built-in sensitive keywords, matched whole-word and case-insensitively, with up to two of whitespace,
 * "_" or "-" (or nothing) between words ("api_key", "creditcard"). Nouns also match their plural
 * ("passwords"); adjectives do not ("classifieds" is a newspaper section).
 * Projects silence a keyword in a given context with an allowlist phrase (e.g. "password reset").
 */
const SENSITIVE_NOUNS = [
  // credentials
  "password", "passwd", "passphrase", "api key", "secret key", "private key", "access token",
  // financial and identity
  "credit card", "card number", "bank account", "routing number", "passport number",
  // harmful intent
  "exploit", "malware", "ransomware", "keylogger", "bomb", "explosive", "weapon",
];
const SENSITIVE_TERMS = ["cvv", "ssn", "social security", "confidential", "classified", "phishing"];

export const SENSITIVE_KEYWORDS: readonly string[] = [...SENSITIVE_NOUNS, ...SENSITIVE_TERMS];

export const sensitiveKeywordDetector = createRuleDetector(
  "sensitive_keyword",
  SENSITIVE_KEYWORD_POINTS,
  describeKeywords("Sensitive keywords"),
  [...keywordRules(SENSITIVE_NOUNS, { separators: "flexible", plurals: true }), ...keywordRules(SENSITIVE_TERMS, { separators: "flexible" })],
);

/** Per-project blocked keywords: whole-word, case-insensitive, whitespace-flexible, no plural forms. Null when empty. */
export function createBlockedKeywordDetector(keywords: readonly string[]): RuleDetector | null {
  const rules = keywordRules(keywords, { separators: "whitespace" });
  return rules.length > 0 ? createRuleDetector("blocked_keyword", BLOCKED_KEYWORD_POINTS, describeKeywords("Blocked keywords"), rules) : null;
}
