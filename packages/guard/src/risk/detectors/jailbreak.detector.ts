import { compileLexicon, WS, type AnyLexiconRule } from "./lexicon.ts";
import { combinePoints } from "../calibration.ts";
import type { Finding } from "./detector.ts";
import { WEAK_JAILBREAK_POINTS } from "./jailbreak-phrases.rules.ts";
import { OTHER_SCRIPT_JAILBREAK_RULES } from "./multilingual-jailbreak.rules.ts";
import { createRuleDetector, describePhrases } from "./rule-detector.ts";

/** A persona or no-restrictions set-up is a confident finding and crosses the default threshold alone. */
export const JAILBREAK_POINTS = 75;
/**
 * The bare word ("how do I jailbreak my iPhone", "jailbreak detection in my app") is mostly about phones
 * and security work: a weak signal that adds to others but never flags by itself.
 */
export const JAILBREAK_WORD_POINTS = 25;
const JAILBREAK_WORD = "jailbreak";

const LIMITS =
  "(?:restrictions|rules|limits|limitations|filters|guidelines|boundaries|constraints|policies|censorship|morals|ethics|guardrails)";

/**
 * Role-play escapes that ask the model to drop its safety behaviour. "DAN" must be written in capitals
 * and stand in a jailbreak context, so a person called Dan does not count.
 */
export const JAILBREAK_RULES: readonly AnyLexiconRule[] = [
  { label: "DAN / do anything now", starts: ["do anything now"], rest: String.raw`\b` },
  {
    label: "DAN / do anything now",
    starts: ["you are", "you're", "act as", "become", "pretend to be", "roleplay as", "play", "called", "named", "enable", "activate"],
    rest: String.raw`${WS}(?:now${WS})?dan\b`,
    mustContain: /DAN/,
  },
  { label: "DAN / do anything now", starts: ["dan"], rest: String.raw`${WS}(?:mode|prompt|jailbreak)\b`, mustContain: /DAN/ },
  { label: "DAN / do anything now", pattern: String.raw`(?:^|\n)[ \t]{0,3}\[?dan\]?[ \t]{0,2}:`, mustContain: /DAN/, hints: ["DAN"] },
  { label: "developer mode", starts: ["developer mode"], rest: String.raw`${WS}(?:enabled|output|activated|response)\b` },
  {
    label: "developer mode",
    starts: ["chatgpt", "gpt", "ai", "assistant", "model", "llm", "you"],
    rest: String.raw`${WS}(?:with|in)${WS}developer${WS}mode\b`,
  },
  {
    label: "no-restrictions role-play",
    starts: ["pretend", "imagine", "act", "behave", "respond", "answer"],
    rest: String.raw`${WS}(?:(?:as${WS}if|as${WS}though|like|that)${WS})?you(?:'re|${WS}are|${WS}have|${WS}had|${WS}were)${WS}(?:no|zero|not${WS}bound${WS}by|free${WS}(?:of|from)|without)${WS}(?:any${WS})?(?:[a-z-]{1,20}${WS}){0,2}${LIMITS}\b`,
  },
  {
    label: "no-restrictions role-play",
    starts: ["without", "with no", "free of", "free from"],
    rest: String.raw`${WS}(?:any${WS})?(?:ethical|moral|content|safety)${WS}${LIMITS}\b`,
  },
  {
    label: "no-restrictions role-play",
    starts: ["unrestricted", "unfiltered", "uncensored", "jailbroken"],
    // Not "llm" or "language model": "the best uncensored LLM to run locally" is a product question.
    // Not "model" ("the best uncensored model for creative writing") or "a version of myself".
    rest: String.raw`${WS}(?:ai|mode|assistant|version(?!${WS}of${WS}(?:the|this|that|my|myself|yourself)\b)|chatbot|persona)\b`,
  },
  { label: JAILBREAK_WORD, starts: ["jailbreak", "jailbreaks", "jailbreaking", "jailbroken"], rest: String.raw`\b` },
  { label: "named jailbreak persona", starts: ["evil confidant", "always intelligent and machiavellian"], rest: String.raw`\b` },
];

/**
 * A confident finding decides alone; the bare word and the weak demands (never refuse, no warnings,
 * restrictions removed, real detail, uncensored) combine as independent evidence, each label once, so two
 * or three of them together flag and one alone does not.
 */
export function jailbreakPoints(findings: readonly Finding[]): number {
  const weak = new Map<string, number>();
  let strong = 0;
  for (const f of findings) {
    const points = f.label === JAILBREAK_WORD ? JAILBREAK_WORD_POINTS : WEAK_JAILBREAK_POINTS[f.label];
    if (points === undefined) strong = JAILBREAK_POINTS;
    else weak.set(f.label, points);
  }
  return Math.max(strong, combinePoints([...weak.values()]));
}

/** DAN / "do anything now", developer mode, "pretend you have no restrictions", the word jailbreak. */
export const jailbreakDetector = createRuleDetector(
  "jailbreak",
  jailbreakPoints,
  describePhrases("Jailbreak attempt"), JAILBREAK_RULES);

/**
 * Jailbreak signals in scripts without Latin letters (multilingual-jailbreak.rules.ts): a lexicon of their
 * own, like the other-script injection rules, run on prompts with non-ASCII characters only.
 */
export const otherScriptJailbreakLexicon = compileLexicon(OTHER_SCRIPT_JAILBREAK_RULES.map((rule) => ({ tag: "jailbreak" as const, rule })));
