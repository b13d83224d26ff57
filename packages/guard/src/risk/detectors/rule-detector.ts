import type { RiskFactorType } from "../risk.types.ts";
import { clampDetail, describeFields, distinctLabels, matchCount, toSpans, type Detector, type FieldFinding } from "./detector.ts";
import { compileLexicon, type AnyLexiconRule } from "./lexicon.ts";

/** A detector defined by lexicon rules. The service merges the rules of all such detectors into one scan. */
export interface RuleDetector extends Detector {
  readonly rules: readonly AnyLexiconRule[];
}

export function createRuleDetector(
  type: RiskFactorType,
  points: number | ((findings: readonly FieldFinding[]) => number),
  describe: (findings: readonly FieldFinding[]) => string,
  rules: readonly AnyLexiconRule[],
): RuleDetector {
  const lexicon = compileLexicon(rules.map((rule) => ({ tag: type, rule })));
  return {
    type,
    rules,
    detect: (text) => lexicon.scan(text).map(({ start, end, label }) => ({ start, end, label })),
    toFactor: (findings) => ({ type, points: typeof points === "number" ? points : points(findings), detail: clampDetail(describe(findings)), spans: toSpans(findings) }),
  };
}

/** "Prompt injection in prompt: instruction override, chat-template delimiter (3 matches)": rule labels, never the text. */
export const describePhrases = (title: string) => (findings: readonly FieldFinding[]) =>
  `${title} in ${describeFields(findings)}: ${distinctLabels(findings).join(", ")} (${matchCount(findings.length)})`;

/** "Sensitive keywords in prompt and response: password, api key": the keywords as listed, not as written in the text. */
export const describeKeywords = (title: string) => (findings: readonly FieldFinding[]) =>
  `${title} in ${describeFields(findings)}: ${distinctLabels(findings).join(", ")}`;
