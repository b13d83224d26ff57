import { overlaps, type Detector, type FieldFinding, type Finding } from "./detectors/detector.ts";
import { ENCODED_PAYLOAD_POINTS, encodedPayloadDetector } from "./detectors/encoded-payload.detector.ts";
import { JAILBREAK_POINTS, jailbreakDetector } from "./detectors/jailbreak.detector.ts";
import { BLOCKED_KEYWORD_POINTS, createBlockedKeywordDetector, SENSITIVE_KEYWORD_POINTS, sensitiveKeywordDetector } from "./detectors/keywords.detector.ts";
import { compileLexicon, keywordRules, normalizeKeywords, type Lexicon } from "./detectors/lexicon.ts";
import { PII_BASE_POINTS, PII_EXTRA_KIND_POINTS, PII_MAX_POINTS, piiDetector } from "./detectors/pii.detector.ts";
import { PROMPT_INJECTION_POINTS, promptInjectionDetector } from "./detectors/prompt-injection.detector.ts";
import type { RuleDetector } from "./detectors/rule-detector.ts";
import { SECRET_POINTS, secretDetector } from "./detectors/secrets.detector.ts";
import { SYSTEM_PROMPT_EXTRACTION_POINTS, systemPromptExtractionDetector } from "./detectors/system-prompt-extraction.detector.ts";
import { MODEL_ADJUSTMENT_POINTS, modelRiskAdjustment } from "./model-adjustment.ts";
import { type RiskFactor, type RiskFactorType, type RiskField, type RiskInput, type RiskResult, type RiskTuning } from "./risk.types.ts";

// Design rules (seed design, "Risk Scoring Algorithm"). Thresholds are strict: 5,000 chars is not long, 5,001 is.
export const LONG_PROMPT_CHARS = 5_000;
export const LONG_PROMPT_POINTS = 10;
export const LONG_RESPONSE_CHARS = 10_000;
export const LONG_RESPONSE_POINTS = 10;
export const HIGH_TOKENS = 4_000;
export const HIGH_TOKENS_POINTS = 15;
export const ERROR_POINTS = 25;

/**
 * Content detectors scan at most the first 200 KiB (204,800 UTF-16 code units) of each field, which bounds
 * the cost of a pathological record to a few milliseconds. Length rules always use the full length.
 * Offsets in spans refer to the original text; the cut may split a surrogate pair, which is harmless.
 */
export const MAX_SCAN_CHARS = 200 * 1024;

/** Thresholds of the design's rules and the scan cap, for documentation and the dashboard. */
export const RISK_LIMITS = {
  longPromptChars: LONG_PROMPT_CHARS,
  longResponseChars: LONG_RESPONSE_CHARS,
  highTokens: HIGH_TOKENS,
  maxScanChars: MAX_SCAN_CHARS,
} as const;

/** Points per factor. PII scores piiBase for the first kind plus piiExtraKind per further kind, up to piiMax. */
export const RISK_POINTS = {
  longPrompt: LONG_PROMPT_POINTS,
  longResponse: LONG_RESPONSE_POINTS,
  sensitiveKeyword: SENSITIVE_KEYWORD_POINTS,
  highTokens: HIGH_TOKENS_POINTS,
  error: ERROR_POINTS,
  modelAdjustment: MODEL_ADJUSTMENT_POINTS,
  promptInjection: PROMPT_INJECTION_POINTS,
  jailbreak: JAILBREAK_POINTS,
  systemPromptExtraction: SYSTEM_PROMPT_EXTRACTION_POINTS,
  encodedPayload: ENCODED_PAYLOAD_POINTS,
  piiBase: PII_BASE_POINTS,
  piiExtraKind: PII_EXTRA_KIND_POINTS,
  piiMax: PII_MAX_POINTS,
  secret: SECRET_POINTS,
  blockedKeyword: BLOCKED_KEYWORD_POINTS,
} as const;

const ALLOW = "allow" as const;
type LexiconTag = RiskFactorType | typeof ALLOW;

/**
 * The phrase and keyword detectors, the project's blocked keywords and its allowlist share one lexicon, so
 * each field is scanned once for all of them (see lexicon.ts).
 */
const RULE_DETECTORS: readonly RuleDetector[] = [sensitiveKeywordDetector, promptInjectionDetector, jailbreakDetector, systemPromptExtractionDetector];
const BUILTIN_RULES = RULE_DETECTORS.flatMap((d) => d.rules.map((rule) => ({ tag: d.type as LexiconTag, rule })));

/**
 * Per-project tuning prepared once (keyword and allowlist matching compiled into the lexicon) and reused
 * across requests. Immutable; safe to cache per project and share between concurrent requests.
 */
export class CompiledTuning {
  /** Normalized blocked keywords (trimmed, whitespace collapsed, case-insensitive duplicates removed). */
  readonly blockedKeywords: readonly string[];
  /** Normalized allowlist phrases. */
  readonly allowlist: readonly string[];
  /** @internal */
  readonly blockedDetector: RuleDetector | null;
  /** @internal Built-in phrase and keyword rules plus this project's blocked keywords and allowlist phrases. */
  readonly lexicon: Lexicon<LexiconTag>;

  private constructor(t: RiskTuning) {
    this.blockedKeywords = Object.freeze(normalizeKeywords(t.blockedKeywords ?? []));
    this.allowlist = Object.freeze(normalizeKeywords(t.allowlist ?? []));
    this.blockedDetector = createBlockedKeywordDetector(this.blockedKeywords);
    const blockedRules = (this.blockedDetector?.rules ?? []).map((rule) => ({ tag: "blocked_keyword" as LexiconTag, rule }));
    const allowRules = keywordRules(this.allowlist, { separators: "whitespace" }).map((rule) => ({ tag: ALLOW as LexiconTag, rule }));
    this.lexicon = compileLexicon<LexiconTag>([...BUILTIN_RULES, ...blockedRules, ...allowRules]);
    Object.freeze(this);
  }

  /** @internal Use compileTuning. */
  static compile(t: RiskTuning): CompiledTuning {
    return new CompiledTuning(t);
  }
}

/**
 * Prepares per-project tuning once. Blocked keywords and allowlist phrases match whole-word and
 * case-insensitively; any run of whitespace in the text matches a space in the phrase.
 */
export function compileTuning(t: RiskTuning): CompiledTuning {
  return CompiledTuning.compile(t);
}

const NO_TUNING = compileTuning({});

/** Factor order after the design's rules. */
const DETECTOR_ORDER: readonly Detector[] = [
  promptInjectionDetector,
  jailbreakDetector,
  systemPromptExtractionDetector,
  encodedPayloadDetector,
  piiDetector,
  secretDetector,
];

type Found = Map<RiskFactorType, FieldFinding[]>;

function overlapsAny(f: Finding, ranges: readonly Finding[]): boolean {
  for (const r of ranges) if (overlaps(f, r)) return true;
  return false;
}

/** Adds the findings that overlap none of the `exclude` ranges; returns them. */
function add(found: Found, type: RiskFactorType, field: RiskField, findings: readonly Finding[], ...exclude: (readonly Finding[])[]): Finding[] {
  const kept: Finding[] = [];
  let list = found.get(type);
  for (const f of findings) {
    if (exclude.some((ranges) => overlapsAny(f, ranges))) continue;
    kept.push(f);
    if (!list) found.set(type, (list = []));
    list.push({ start: f.start, end: f.end, label: f.label, field });
  }
  return kept;
}

/**
 * Runs every content detector on one field. Anything overlapping an allowlisted phrase is dropped; PII and
 * encoded payloads inside a detected secret are dropped too (the secret is the more specific finding).
 */
function scanField(found: Found, field: RiskField, text: string, t: CompiledTuning): void {
  if (text.length === 0) return;
  const words = t.lexicon.scan(text);
  const allowed = words.filter((f) => f.tag === ALLOW);
  for (const d of RULE_DETECTORS) add(found, d.type, field, words.filter((f) => f.tag === d.type), allowed);
  add(found, "blocked_keyword", field, words.filter((f) => f.tag === "blocked_keyword"), allowed);
  const secrets = add(found, "secret", field, secretDetector.detect(text), allowed);
  add(found, "pii", field, piiDetector.detect(text), allowed, secrets);
  add(found, "encoded_payload", field, encodedPayloadDetector.detect(text), allowed, secrets);
}

const formatInt = (n: number) => n.toLocaleString("en-US");

function capped(text: unknown): string {
  if (typeof text !== "string") return "";
  return text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text;
}

function lengthFactor(type: "long_prompt" | "long_response", label: string, length: number, limit: number, points: number): RiskFactor | null {
  if (length <= limit) return null;
  const scanNote = length > MAX_SCAN_CHARS ? `; content checks scanned the first ${formatInt(MAX_SCAN_CHARS)} chars` : "";
  return { type, points, detail: `${label} length ${formatInt(length)} chars > ${formatInt(limit)}${scanNote}` };
}

/**
 * Scores one LLM request 0–100 from the seed design's rules plus the extended detectors. Pure and
 * synchronous; pass a CompiledTuning (compileTuning) to avoid recompiling per-project tuning per request.
 * Every factor type counts at most once; `score` is the sum of factor points clamped to 0–100.
 */
export function scoreRisk(input: RiskInput, tuning?: RiskTuning | CompiledTuning): RiskResult {
  const t = tuning instanceof CompiledTuning ? tuning : tuning ? compileTuning(tuning) : NO_TUNING;
  const promptLength = typeof input.prompt === "string" ? input.prompt.length : 0;
  const responseLength = typeof input.response === "string" ? input.response.length : 0;

  const found: Found = new Map();
  scanField(found, "prompt", capped(input.prompt), t);
  scanField(found, "response", capped(input.response), t);

  const factors: RiskFactor[] = [];
  const push = (f: RiskFactor | null) => {
    if (f) factors.push(f);
  };
  const fromDetector = (d: Detector | null) => {
    const findings = d && found.get(d.type);
    if (d && findings && findings.length > 0) factors.push(d.toFactor(findings));
  };

  push(lengthFactor("long_prompt", "Prompt", promptLength, LONG_PROMPT_CHARS, LONG_PROMPT_POINTS));
  push(lengthFactor("long_response", "Response", responseLength, LONG_RESPONSE_CHARS, LONG_RESPONSE_POINTS));
  fromDetector(sensitiveKeywordDetector);
  if (Number.isFinite(input.totalTokens) && input.totalTokens > HIGH_TOKENS) {
    push({ type: "high_tokens", points: HIGH_TOKENS_POINTS, detail: `Total tokens ${formatInt(input.totalTokens)} > ${formatInt(HIGH_TOKENS)}` });
  }
  if (input.status === "error" || input.status === "timeout") {
    push({ type: "error", points: ERROR_POINTS, detail: `Error in response (status ${input.status})` });
  }
  const model = typeof input.model === "string" ? input.model : "";
  const adjustment = modelRiskAdjustment(model);
  if (adjustment) {
    const sign = adjustment.points > 0 ? "+" : "";
    push({ type: "model_adjustment", points: adjustment.points, detail: `Model ${model.slice(0, 80)}: ${adjustment.reason} (${sign}${adjustment.points})` });
  }
  for (const d of DETECTOR_ORDER) fromDetector(d);
  fromDetector(t.blockedDetector);

  let sum = 0;
  for (const f of factors) sum += f.points;
  return { score: Math.min(100, Math.max(0, Math.round(sum))), factors };
}
