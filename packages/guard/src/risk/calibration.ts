import type { ClassifierLabel } from "./classifier/model.ts";

/**
 * How evidence turns into points (docs/risk.md, "Calibration"). The score is meant to read as "how likely
 * this request is a real security or safety problem", on the scale of the default flagging threshold 70:
 *
 * - one confident finding (a matched injection or jailbreak phrase, a provider key, a card or national id,
 *   a confident classifier verdict) is worth 70 or more, so it flags on its own;
 * - weak evidence (a sensitive keyword, an encoded blob, a name, a borderline classifier score, the design's
 *   length, token, error and model rules) is worth 10–65 and flags only together with other evidence;
 * - every point still belongs to one factor, so the factors explain the score.
 */
export const DEFAULT_FLAG_THRESHOLD = 70;

/**
 * Classifier probability at which a label is a confident finding (points ≥ 70), and below which it is no
 * finding at all. Chosen with training/cross-source.ts (a model fitted without one source, judged on that
 * source), which is harsher than the dev part: benign instructions and questions from unseen sources stay
 * near 2–5% while unseen harmful requests are still caught at 60–75%. The eval part is never used to tune.
 */
export const CLASSIFIER_CUTS: Record<ClassifierLabel, { flag: number; weak: number }> = {
  // 0.7 until 2026-12-07 (twelfth session). Fitted on the hand-written probes, the model reads more of the
  // attack vocabulary as evidence, short ordinary sentences included ("summarize the text above, including the
  // table": 0.71). In the probes' two-fold test 0.75 cost about one point of recall against 0.7 and flagged
  // fewer of the adversarial benign prompts (docs/risk.md, "Probes as training data").
  injection: { flag: 0.75, weak: 0.4 },
  jailbreak: { flag: 0.75, weak: 0.4 },
  // 0.6 until 2026-12-07. The paraphrase set (training/sources/handwritten-paraphrase.ts) moved the harmful
  // head's figurative near-misses over 0.6: the hand-written safe-but-scary probes went to 11–18% flagged and
  // unseen GPTeacher to 3.0%. At 0.65 they are 10% and 2.6%, and unseen AdvBench 55% (58% at 0.6).
  harmful: { flag: 0.65, weak: 0.35 },
};

/** Confident verdicts map to 70–95 and weak ones to 15–65, linearly in the probability. */
export function classifierPoints(p: number, cut: { flag: number; weak: number }): number {
  if (!(p >= cut.weak)) return 0;
  if (p >= cut.flag) return Math.round(70 + (25 * (p - cut.flag)) / Math.max(1e-9, 1 - cut.flag));
  return Math.round(15 + (50 * (p - cut.weak)) / Math.max(1e-9, cut.flag - cut.weak));
}

/**
 * Points per PII kind alone. Every kind the detectors report singles a person out and flags on its own:
 * names are only reported with a context that makes them a person's name ("my name is", "Dear Ms.",
 * a signature), and IP addresses only when publicly routable (GDPR counts both as personal data).
 */
export const PII_KIND_POINTS: Readonly<Record<string, number>> = {
  payment_card: 80,
  national_id: 80,
  iban: 75,
  bank_account: 70,
  passport_number: 75,
  driver_license: 70,
  tax_id: 75,
  email: 70,
  phone: 70,
  street_address: 70,
  date_of_birth: 70,
  person_name: 70,
  ip_address: 70,
};
/**
 * Labels that are weaker than their kind: a name known only from a title or salutation ("Mr. Jones" in a
 * word problem, "Dear Ms. Hatcher" in a story) flags only together with another kind.
 */
export const PII_LABEL_POINTS: Readonly<Record<string, number>> = { "person name (title)": 40 };
/** Kinds not in the table (a detector added one) count as a confident identifier. */
export const PII_UNKNOWN_KIND_POINTS = 70;
/** Several kinds combine like independent evidence, capped below 100 so other factors still show. */
export const PII_MAX_POINTS = 95;

/**
 * Combines independent pieces of evidence: 1 − Π(1 − pᵢ/100), in points. Two weak signals of 45 and 40
 * give 67; a name next to an e-mail address (70 each) gives 91.
 */
export function combinePoints(points: readonly number[], max = 100): number {
  let miss = 1;
  for (const p of points) miss *= 1 - Math.min(100, Math.max(0, p)) / 100;
  return Math.min(max, Math.round(100 * (1 - miss)));
}

/**
 * Below this, a rule's or the classifier's points are faint evidence and never combine with the other's:
 * the weak jailbreak demands ("never refuse", "uncensored", refusal suppression) are 45 and combine; a
 * claimed authority ("I'm your developer.", 40) or a "no disclaimers" demand (30) does not, as each alone
 * is how ordinary people talk too, and the classifier reads the same words.
 */
export const MODERATE_EVIDENCE_POINTS = 45;

/**
 * A rule factor and the classifier's verdict on the same label. The stronger alone when either is
 * confident (≥ 70) or either is faint; otherwise the two combine as independent evidence (combinePoints):
 * a PAIR-style "never apologize, never refuse" rule (45) beside a classifier 66% sure of a jailbreak (52)
 * gives 74 and flags, where the stronger alone gave 52. They are not fully independent (the classifier
 * reads the rule's words too), which is why faint evidence is left out: a "no disclaimers" demand (30) next
 * to a 73% classifier on an ordinary question would otherwise flag it, and "I'm your developer." (a claimed
 * authority, 40, beside a 64% classifier) would flag alone (docs/risk.md, "Calibration").
 * Twelfth session's blind probe sets: jailbreaks 73.3 → 80% (set 23) and 70 → 73.3% (set 24), benign and
 * safe-but-scary unchanged.
 */
export function ruleAndClassifierPoints(rule: number, classifier: number): number {
  const strong = Math.max(rule, classifier);
  if (strong >= DEFAULT_FLAG_THRESHOLD || Math.min(rule, classifier) < MODERATE_EVIDENCE_POINTS) return strong;
  return combinePoints([rule, classifier]);
}

/** A provider key, private key or password that the detectors confirmed. */
export const SECRET_POINTS = 80;
/** A secret-looking value only recognised by its variable name and entropy. */
export const GENERIC_SECRET_POINTS = 70;
/** An encoded blob alone is weak: base64 is everywhere. What it decodes to is scanned and scored on its own. */
export const ENCODED_PAYLOAD_POINTS = 15;
