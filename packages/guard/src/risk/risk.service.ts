import { CLASSIFIER_CUTS, classifierPoints, ruleAndClassifierPoints, ENCODED_PAYLOAD_POINTS, GENERIC_SECRET_POINTS, PII_KIND_POINTS, PII_MAX_POINTS, SECRET_POINTS } from "./calibration.ts";
import { classify, CLASSIFIER_VERSION, type ClassifierLabel, type ClassifierScores } from "./classifier/model.ts";
import { decodedPayload } from "./detectors/decoded-payload.ts";
import { touchesLeet, unleet } from "./detectors/leetspeak.ts";
import { despace, originalRange, type SpacedReading, touchesRun } from "./detectors/spaced-letters.ts";
import { clampDetail, overlaps, type Detector, type FieldFinding, type Finding } from "./detectors/detector.ts";
import { encodedPayloadDetector } from "./detectors/encoded-payload.detector.ts";
import { harmfulIntentDetector } from "./detectors/harmful-intent.detector.ts";
import { JAILBREAK_POINTS, JAILBREAK_WORD_POINTS, jailbreakDetector, otherScriptJailbreakLexicon } from "./detectors/jailbreak.detector.ts";
import { BLOCKED_KEYWORD_POINTS, createBlockedKeywordDetector, SENSITIVE_KEYWORD_POINTS, sensitiveKeywordDetector } from "./detectors/keywords.detector.ts";
import { compileLexicon, keywordRules, normalizeKeywords, type Lexicon } from "./detectors/lexicon.ts";
import { piiDetector } from "./detectors/pii.detector.ts";
import { otherScriptInjectionLexicon, PROMPT_INJECTION_POINTS, promptInjectionDetector } from "./detectors/prompt-injection.detector.ts";
import { PROMPT_RULE_TYPES, scanPromptRules } from "./detectors/prompt-lexicons.ts";
import type { RuleDetector } from "./detectors/rule-detector.ts";
import { secretDetector } from "./detectors/secrets.detector.ts";
import { SYSTEM_PROMPT_EXTRACTION_POINTS, systemPromptExtractionDetector } from "./detectors/system-prompt-extraction.detector.ts";
import { MODEL_ADJUSTMENT_POINTS, modelRiskAdjustment } from "./model-adjustment.ts";
import { foldText, unfoldRange, type FoldedText } from "./normalize.ts";
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

/** Points per factor (calibration.ts). PII kinds combine as independent evidence, up to piiMax. */
export const RISK_POINTS = {
  longPrompt: LONG_PROMPT_POINTS,
  longResponse: LONG_RESPONSE_POINTS,
  sensitiveKeyword: SENSITIVE_KEYWORD_POINTS,
  highTokens: HIGH_TOKENS_POINTS,
  error: ERROR_POINTS,
  modelAdjustment: MODEL_ADJUSTMENT_POINTS,
  promptInjection: PROMPT_INJECTION_POINTS,
  jailbreak: JAILBREAK_POINTS,
  jailbreakWord: JAILBREAK_WORD_POINTS,
  systemPromptExtraction: SYSTEM_PROMPT_EXTRACTION_POINTS,
  encodedPayload: ENCODED_PAYLOAD_POINTS,
  piiByKind: PII_KIND_POINTS,
  piiMax: PII_MAX_POINTS,
  secret: SECRET_POINTS,
  genericSecret: GENERIC_SECRET_POINTS,
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
 * Compiled tunings by their normalized lists, most recently used last. Compiling costs milliseconds (a
 * lexicon of several hundred rules, its locators compiled to native code), and callers re-read settings
 * every second per project (the ingest cache's TTL) and on every config version (the policy engine):
 * the same lists must not be compiled again each time.
 */
const compiledTunings = new Map<string, CompiledTuning>();
const MAX_COMPILED_TUNINGS = 256;

/**
 * Prepares per-project tuning once. Blocked keywords and allowlist phrases match whole-word and
 * case-insensitively; any run of whitespace in the text matches a space in the phrase. Equal lists (after
 * normalizing) give the same immutable instance.
 */
export function compileTuning(t: RiskTuning): CompiledTuning {
  const key = JSON.stringify([normalizeKeywords(t.blockedKeywords ?? []), normalizeKeywords(t.allowlist ?? [])]);
  let compiled = compiledTunings.get(key);
  if (compiled) {
    compiledTunings.delete(key);
  } else {
    compiled = CompiledTuning.compile(t);
    if (compiledTunings.size >= MAX_COMPILED_TUNINGS) compiledTunings.delete(compiledTunings.keys().next().value as string);
  }
  compiledTunings.set(key, compiled);
  return compiled;
}

const NO_TUNING = compileTuning({});

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
    list.push(f.kind === undefined ? { start: f.start, end: f.end, label: f.label, field } : { start: f.start, end: f.end, label: f.label, kind: f.kind, field });
  }
  return kept;
}

/** Findings on folded text, moved back to the original text's offsets. */
function unfold<F extends Finding>(folded: FoldedText, findings: F[]): F[] {
  if (!folded.map) return findings;
  for (const f of findings) {
    const r = unfoldRange(folded, f.start, f.end);
    f.start = r.start;
    f.end = r.end;
  }
  return findings;
}

const PHRASE_TAGS: ReadonlySet<LexiconTag> = new Set<LexiconTag>(["prompt_injection", "jailbreak", "system_prompt_extraction"]);

/**
 * Runs every content detector on one field, on its folded form (normalize.ts: invisible characters
 * dropped, look-alikes and accents folded) with offsets mapped back to the original. Anything overlapping
 * an allowlisted phrase is dropped; PII and encoded payloads inside a detected secret are dropped too (the
 * secret is the more specific finding). Encoded payloads are decoded and their text scanned by the phrase
 * rules: an override hidden in base64 counts as an override, with the encoded span.
 * Returns the allowlisted ranges (the classifier leaves them out).
 */
function scanField(found: Found, field: RiskField, text: string, t: CompiledTuning): { allowed: Finding[]; folded: FoldedText | null; reading: Reading | null; scan: FieldScan | null } {
  if (text.length === 0) return { allowed: [], folded: null, reading: null, scan: null };
  const folded = foldText(text);
  const scanned = folded.text;
  const words = unfold(folded, t.lexicon.scan(scanned));
  const allowed = words.filter((f) => f.tag === ALLOW);
  for (const d of RULE_DETECTORS) add(found, d.type, field, words.filter((f) => f.tag === d.type), allowed);
  if (field === "prompt") {
    const hits = unfold(folded, scanPromptRules(scanned));
    // In text order per set: a set's word and marker hits come from two lexicons.
    PROMPT_RULE_TYPES.forEach((type, set) => add(found, type, field, hits.filter((f) => f.tag === `${set}`).sort((a, b) => a.start - b.start), allowed));
  }
  const reading = field === "prompt" ? readAgain(scanned) : null;
  if (reading) scanReading(found, field, folded, reading, t, allowed);
  if (!folded.ascii) add(found, "prompt_injection", field, unfold(folded, otherScriptInjectionLexicon.scan(scanned)), allowed);
  if (!folded.ascii && field === "prompt") add(found, "jailbreak", field, unfold(folded, otherScriptJailbreakLexicon.scan(scanned)), allowed);
  add(found, "blocked_keyword", field, words.filter((f) => f.tag === "blocked_keyword"), allowed);
  const allSecrets = unfold(folded, secretDetector.detect(scanned));
  const secrets = add(found, "secret", field, allSecrets, allowed);
  const allPii = unfold(folded, piiDetector.detect(scanned));
  add(found, "pii", field, allPii, allowed, secrets);
  // Decoded from the folded text at folded offsets, so an invisible or full-width character inside a blob
  // does not stop the decoder; the finding is moved onto the original text afterwards.
  const blobs = encodedPayloadDetector.detect(scanned).map((f) => ({ f, decoded: decodedPayload(scanned, f) }));
  const encoded = new Set(add(found, "encoded_payload", field, unfold(folded, blobs.map((b) => b.f)), allowed, secrets));
  for (const { f: e, decoded } of blobs) {
    if (!decoded || !encoded.has(e)) continue;
    const plain = foldText(decoded).text;
    for (const hit of t.lexicon.scan(plain)) {
      if (!PHRASE_TAGS.has(hit.tag)) continue;
      add(found, hit.tag as RiskFactorType, field, [{ start: e.start, end: e.end, label: `${hit.label} (${e.kind ?? "encoded"})` }], allowed);
    }
    // In a prompt, the prompt-only rules read the payload too: a harmful request or a jailbreak persona sent
    // in base64 is still one.
    if (field === "prompt") {
      for (const hit of scanPromptRules(plain)) {
        add(found, PROMPT_RULE_TYPES[Number(hit.tag)]!, field, [{ start: e.start, end: e.end, label: `${hit.label} (${e.kind ?? "encoded"})` }], allowed);
      }
    }
  }
  return { allowed, folded, reading, scan: { text, secrets: allSecrets, pii: allPii } };
}

/**
 * A prompt read a second time as words: spaced-out letters joined ("I g n o r e   y o u r" → "Ignore your",
 * spaced-letters.ts), then leetspeak read as letters ("1gn0r3" → "ignore", leetspeak.ts). Null when neither
 * applies, which is nearly always.
 */
interface Reading {
  text: string;
  /** The text after joining spaced letters, before leetspeak (the same text when nothing was spaced). */
  joined: string;
  /** How the joined text maps back onto the folded text; null when nothing was spaced. */
  spaced: SpacedReading | null;
  leet: boolean;
}

function readAgain(folded: string): Reading | null {
  const spaced = despace(folded);
  const joined = spaced ? spaced.text : folded;
  const leet = unleet(joined);
  if (!spaced && leet === null) return null;
  return { text: leet ?? joined, joined, spaced, leet: leet !== null };
}

/**
 * The rules on a prompt's second reading: the project's lexicon (phrases, harmful requests, sensitive and
 * blocked keywords) and the prompt-only rules. Only findings that cover a rewritten part count (the rest
 * were already found on the text itself); they are moved onto the original text and say how it was written.
 */
function scanReading(found: Found, field: RiskField, folded: FoldedText, reading: Reading, t: CompiledTuning, allowed: readonly Finding[]): void {
  const relabel = (f: Finding): Finding[] => {
    const leet = reading.leet && touchesLeet(reading.joined, reading.text, f.start, f.end);
    const spaced = reading.spaced !== null && touchesRun(reading.spaced, f.start, f.end);
    if (!leet && !spaced) return [];
    const how = leet && spaced ? "spaced letters, leetspeak" : leet ? "leetspeak" : "spaced letters";
    const r = reading.spaced ? originalRange(reading.spaced, f.start, f.end) : f;
    return unfold(folded, [{ start: r.start, end: r.end, label: `${f.label} (${how})` }]);
  };
  for (const hit of t.lexicon.scan(reading.text)) {
    if (hit.tag !== ALLOW) add(found, hit.tag, field, relabel(hit), allowed);
  }
  for (const hit of scanPromptRules(reading.text)) add(found, PROMPT_RULE_TYPES[Number(hit.tag)]!, field, relabel(hit), allowed);
}

/**
 * The classifier reads the folded prompt, with allowlisted phrases blanked out so a project can silence it
 * too (the common case reuses the scan's folded text).
 */
function classifyPrompt(prompt: string, allowed: readonly Finding[], folded: FoldedText | null, reading: Reading | null): ClassifierScores | null {
  if (prompt.length === 0) return null;
  // Spaced letters and leetspeak are read as words (readAgain): "1gn0r3 4ll" is evidence only as "ignore all".
  if (allowed.length === 0 && folded) return classify(reading?.text ?? folded.text);
  let text = prompt;
  if (allowed.length > 0) {
    const parts: string[] = [];
    let at = 0;
    for (const a of allowed) {
      if (a.start < at) continue;
      parts.push(text.slice(at, a.start), " ");
      at = a.end;
    }
    parts.push(text.slice(at));
    text = parts.join("");
  }
  const plain = foldText(text).text;
  return classify((reading && readAgain(plain)?.text) || plain);
}

const CLASSIFIER_TITLES: Record<ClassifierLabel, string> = {
  injection: "prompt injection",
  jailbreak: "jailbreak",
  harmful: "harmful request",
};

function classifierNote(label: ClassifierLabel, p: number): string {
  return `classifier: ${CLASSIFIER_TITLES[label]} ${Math.round(p * 100)}% likely`;
}

/**
 * The rule factor of a type and the classifier's verdict for the same label, as one factor
 * (ruleAndClassifierPoints), the detail naming both.
 */
function withClassifier(factor: RiskFactor | null, type: RiskFactorType, title: string, label: ClassifierLabel, scores: ClassifierScores | null): RiskFactor | null {
  const p = scores ? scores[label] : 0;
  const points = classifierPoints(p, CLASSIFIER_CUTS[label]);
  if (points === 0) return factor;
  if (!factor) return { type, points, detail: `${title} in prompt (${classifierNote(label, p)}, model ${CLASSIFIER_VERSION})` };
  return { ...factor, points: ruleAndClassifierPoints(factor.points, points), detail: clampDetail(`${factor.detail}; ${classifierNote(label, p)}`) };
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

/** A rule detector's factor from its surviving findings, or null when it has none. */
function factorOf(found: Found, d: Detector | null): RiskFactor | null {
  const findings = d && found.get(d.type);
  return d && findings && findings.length > 0 ? d.toFactor(findings) : null;
}

// Module functions, not closures inside analyzeRisk: they would be created on every call.
function pushFactor(factors: RiskFactor[], f: RiskFactor | null): void {
  if (f) factors.push(f);
}

/**
 * What scoring found in one field with the secret and PII detectors, before the allowlist and the
 * secret-over-PII rule: every finding, at the original text's offsets. `text` is the text scanned (the
 * field cut at MAX_SCAN_CHARS).
 */
export interface FieldScan {
  text: string;
  secrets: readonly Finding[];
  pii: readonly Finding[];
}

/** Each analysis's field scans, for redactRecord (which would otherwise run both detectors again); kept beside the analysis, not in it, so its shape stays the result alone. */
const fieldScans = new WeakMap<RiskAnalysis, Record<RiskField, FieldScan | null>>();

/** @internal The detector findings behind an analysis, for redaction; undefined for an analysis not made by analyzeRisk. */
export function fieldScansOf(analysis: RiskAnalysis): Readonly<Record<RiskField, FieldScan | null>> | undefined {
  return fieldScans.get(analysis);
}

/** One scoring run: the result (redactRecord moves its spans when it redacts). */
export interface RiskAnalysis {
  result: RiskResult;
}

/**
 * Scores one LLM request 0–100 from the seed design's rules, the content detectors and the classifier,
 * calibrated so one confident finding crosses the default threshold (calibration.ts). Pure and synchronous;
 * pass a CompiledTuning (compileTuning) to avoid recompiling per-project tuning per request. Every factor
 * type counts at most once; `score` is the sum of factor points clamped to 0–100.
 */
export function analyzeRisk(input: RiskInput, tuning?: RiskTuning | CompiledTuning): RiskAnalysis {
  const t = tuning instanceof CompiledTuning ? tuning : tuning ? compileTuning(tuning) : NO_TUNING;
  const prompt = capped(input.prompt);
  const promptLength = typeof input.prompt === "string" ? input.prompt.length : 0;
  const responseLength = typeof input.response === "string" ? input.response.length : 0;

  const found: Found = new Map();
  const promptScan = scanField(found, "prompt", prompt, t);
  const responseScan = scanField(found, "response", capped(input.response), t);
  const scores = classifyPrompt(prompt, promptScan.allowed, promptScan.folded, promptScan.reading);

  const factors: RiskFactor[] = [];

  pushFactor(factors, lengthFactor("long_prompt", "Prompt", promptLength, LONG_PROMPT_CHARS, LONG_PROMPT_POINTS));
  pushFactor(factors, lengthFactor("long_response", "Response", responseLength, LONG_RESPONSE_CHARS, LONG_RESPONSE_POINTS));
  pushFactor(factors, factorOf(found, sensitiveKeywordDetector));
  if (Number.isFinite(input.totalTokens) && input.totalTokens > HIGH_TOKENS) {
    pushFactor(factors, { type: "high_tokens", points: HIGH_TOKENS_POINTS, detail: `Total tokens ${formatInt(input.totalTokens)} > ${formatInt(HIGH_TOKENS)}` });
  }
  if (input.status === "error" || input.status === "timeout") {
    pushFactor(factors, { type: "error", points: ERROR_POINTS, detail: `Error in response (status ${input.status})` });
  }
  const model = typeof input.model === "string" ? input.model : "";
  const adjustment = modelRiskAdjustment(model);
  if (adjustment) {
    const sign = adjustment.points > 0 ? "+" : "";
    pushFactor(factors, { type: "model_adjustment", points: adjustment.points, detail: `Model ${model.slice(0, 80)}: ${adjustment.reason} (${sign}${adjustment.points})` });
  }
  pushFactor(factors, withClassifier(factorOf(found, promptInjectionDetector), "prompt_injection", "Prompt injection", "injection", scores));
  pushFactor(factors, withClassifier(factorOf(found, jailbreakDetector), "jailbreak", "Jailbreak attempt", "jailbreak", scores));
  pushFactor(factors, factorOf(found, systemPromptExtractionDetector));
  pushFactor(factors, withClassifier(factorOf(found, harmfulIntentDetector), "harmful_intent", "Harmful request", "harmful", scores));
  pushFactor(factors, factorOf(found, encodedPayloadDetector));
  pushFactor(factors, factorOf(found, piiDetector));
  pushFactor(factors, factorOf(found, secretDetector));
  pushFactor(factors, factorOf(found, t.blockedDetector));

  let sum = 0;
  for (const f of factors) sum += f.points;
  const analysis: RiskAnalysis = { result: { score: Math.min(100, Math.max(0, Math.round(sum))), factors } };
  fieldScans.set(analysis, { prompt: promptScan.scan, response: responseScan.scan });
  return analysis;
}

/** Scores one LLM request 0–100 (analyzeRisk without the findings kept for redaction). */
export function scoreRisk(input: RiskInput, tuning?: RiskTuning | CompiledTuning): RiskResult {
  return analyzeRisk(input, tuning).result;
}
