/**
 * `pnpm --filter @llmguard/guard exec tsx training/cross-source.ts [source…]`: how well the classifier
 * generalizes to data unlike its training data. For each public source, a model is fitted on every OTHER
 * source (train part) and judged on all of that source's texts; the printed rate is the share the
 * classifier alone calls an attack (any label at or above its flag cut). The in-distribution eval part of
 * `pnpm eval:risk` shares templates and authors with training; this is the more honest estimate.
 */
import { CLASSIFIER_LABELS } from "../src/risk/classifier/model.ts";
import { CLASSIFIER_CUTS } from "../src/risk/calibration.ts";
import { loadDataFiles, partOf } from "./dataset.ts";
import { featurize, fit, FIT_OPTIONS, logits, repeatOf, type Example } from "./fit.ts";

const only = new Set(process.argv.slice(2));
const rows = loadDataFiles().map((t) => ({ ...t, ex: featurize(t.text, t.category, t.source), part: partOf(t.text) }));
const sources = [...new Set(rows.map((r) => r.source))].filter((s) => !s.startsWith("handwritten") && (only.size === 0 || only.has(s)));
const cuts = CLASSIFIER_LABELS.map((l) => (process.env.CUT ? Number(process.env.CUT) : CLASSIFIER_CUTS[l].flag));

console.log("| held-out source | category | texts | called an attack |\n|---|---|---|---|");
for (const source of sources) {
  const train: Example[] = rows.filter((r) => r.source !== source && r.part === "train").flatMap((r) => Array<Example>(repeatOf(r.source)).fill(r.ex));
  const model = fit(train, () => {}, { ...FIT_OPTIONS, ...(process.env.FIT ? (JSON.parse(process.env.FIT) as object) : {}) });
  const test = rows.filter((r) => r.source === source);
  const byCategory = new Map<string, { n: number; hit: number }>();
  for (const r of test) {
    const z = logits(model.w, model.bias, r.ex);
    const hit = z.some((v, k) => 1 / (1 + Math.exp(-v)) >= cuts[k]!);
    const c = byCategory.get(r.category) ?? { n: 0, hit: 0 };
    c.n++;
    if (hit) c.hit++;
    byCategory.set(r.category, c);
  }
  for (const [category, c] of byCategory) console.log(`| ${source} | ${category} | ${c.n} | ${((100 * c.hit) / c.n).toFixed(1)}% |`);
}
