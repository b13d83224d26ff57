import type { RiskFactorType } from "../risk.types.ts";
import { ATTACK_PHRASE_RULES } from "./attack-phrases.rules.ts";
import { HARMFUL_ACT_RULES } from "./harmful-acts.rules.ts";
import { HARMFUL_INTENT_RULES } from "./harmful-intent.detector.ts";
import { HIDDEN_CONTEXT_INJECTION_RULES, HIDDEN_CONTEXT_RULES } from "./hidden-context.rules.ts";
import { JAILBREAK_FRAMING_RULES } from "./jailbreak-framing.rules.ts";
import { JAILBREAK_PHRASE_RULES } from "./jailbreak-phrases.rules.ts";
import { compileLexicon, type AnyLexiconRule, type Lexicon, type TaggedFinding } from "./lexicon.ts";
import { MULTILINGUAL_EXTRACTION_RULES } from "./multilingual-extraction.rules.ts";
import { LATIN_SCRIPT_INJECTION_RULES } from "./multilingual-injection.rules.ts";
import { LATIN_SCRIPT_JAILBREAK_RULES } from "./multilingual-jailbreak.rules.ts";
import { PLANTED_INSTRUCTION_RULES } from "./planted-instructions.rules.ts";
import { PROMPT_ONLY_EXTRACTION_RULES } from "./system-prompt-extraction.detector.ts";

/**
 * The rules that run on prompts only (more English injection phrasings, Latin-script overrides in other
 * languages, harmful requests, jailbreak vocabulary, the prompt asked for in another form), merged so a prompt costs one word-locator pass and,
 * when the text holds a bracket, "#", "=" or "-", one marker pass — not one pass per rule set: a locator
 * pass costs about the same whatever its size (docs/risk.md, "Speed").
 *
 * Each rule set keeps its own tag, so its findings may overlap another set's, as when they were scanned
 * apart; PROMPT_RULE_TYPES maps a tag to the factor it feeds.
 */
const RULE_SETS: ReadonlyArray<readonly [RiskFactorType, readonly AnyLexiconRule[]]> = [
  ["prompt_injection", ATTACK_PHRASE_RULES],
  ["prompt_injection", LATIN_SCRIPT_INJECTION_RULES],
  ["harmful_intent", HARMFUL_INTENT_RULES],
  ["harmful_intent", HARMFUL_ACT_RULES],
  ["jailbreak", JAILBREAK_PHRASE_RULES],
  ["jailbreak", JAILBREAK_FRAMING_RULES],
  ["system_prompt_extraction", PROMPT_ONLY_EXTRACTION_RULES],
  ["system_prompt_extraction", HIDDEN_CONTEXT_RULES],
  ["system_prompt_extraction", MULTILINGUAL_EXTRACTION_RULES],
  ["prompt_injection", HIDDEN_CONTEXT_INJECTION_RULES],
  ["prompt_injection", PLANTED_INSTRUCTION_RULES],
  ["jailbreak", LATIN_SCRIPT_JAILBREAK_RULES],
];

export type PromptRuleTag = `${number}`;

export const PROMPT_RULE_TYPES: readonly RiskFactorType[] = RULE_SETS.map(([type]) => type);

const isRaw = (rule: AnyLexiconRule) => "pattern" in rule;

const lexiconOf = (keep: (rule: AnyLexiconRule) => boolean): Lexicon<PromptRuleTag> =>
  compileLexicon(RULE_SETS.flatMap(([, rules], set) => rules.filter(keep).map((rule) => ({ tag: `${set}` as PromptRuleTag, rule }))));

/**
 * Word rules and raw marker rules apart: every raw rule has hints, so the marker lexicon is skipped on text
 * without any, and the word locator never carries raw patterns (tried at every position, not only at word
 * starts).
 */
export const promptWordLexicon = lexiconOf((rule) => !isRaw(rule));
export const promptMarkerLexicon = lexiconOf(isRaw);

/** All prompt-only findings of a text, in text order per lexicon. */
export function scanPromptRules(text: string): TaggedFinding<PromptRuleTag>[] {
  const words = promptWordLexicon.scan(text);
  const markers = promptMarkerLexicon.scan(text);
  return markers.length === 0 ? words : words.concat(markers);
}
