import { loadDataFiles, type LabeledText } from "./dataset.ts";

export { partOf, type Part } from "./dataset.ts";
import { generatePiiExamples, generatePiiNegatives } from "./synthetic/pii.ts";
import { generateSecretExamples, generateSecretNegatives } from "./synthetic/secrets.ts";

/** Sizes and seeds of the generated sets: fixed, so every run of train and eval sees the same texts. */
export const SYNTHETIC = { piiCount: 3_000, secretCount: 3_000, negativeCount: 1_500, seed: 20261206 } as const;

/** Every labelled text: the data files plus the generated PII, secrets and their look-alike negatives. */
export function loadCorpus(): LabeledText[] {
  const { piiCount, secretCount, negativeCount, seed } = SYNTHETIC;
  const strip = (xs: readonly LabeledText[]) => xs.map(({ text, category, source }) => ({ text, category, source }));
  return [
    ...loadDataFiles(),
    ...strip(generatePiiExamples(piiCount, seed)),
    ...strip(generatePiiNegatives(negativeCount, seed + 1)),
    ...strip(generateSecretExamples(secretCount, seed + 2)),
    ...strip(generateSecretNegatives(negativeCount, seed + 3)),
  ];
}
