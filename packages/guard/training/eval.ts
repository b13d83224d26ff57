/**
 * `pnpm eval:risk`: the scorer on the held-out part of our own data (dataset.ts splitOf: one fifth of every
 * source, never trained on or used for calibration). Each text is scored as a prompt with default settings,
 * as `POST /api/v1/requests/batch` would; a text counts as flagged at the default threshold (70).
 *
 * Prints, per category, how many texts are flagged (recall for attacks, PII and secrets; the false-positive
 * rate for benign and safe-but-scary text), and per detector family its precision: of the texts where that
 * family alone reached 70 points, the share that truly belong to it. Writes bench/results/risk-eval.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { scoreRisk } from "../src/risk/risk.service.ts";
import { DEFAULT_FLAG_THRESHOLD } from "../src/risk/calibration.ts";
import type { RiskFactorType } from "../src/risk/risk.types.ts";
import { CATEGORIES, type Category } from "./dataset.ts";
import { loadCorpus, partOf } from "./corpus.ts";

/** Which factor types speak for which categories (an injection caught by the jailbreak rules is still an attack). */
const FAMILIES: Record<string, { types: RiskFactorType[]; categories: Category[] }> = {
  attack: { types: ["prompt_injection", "jailbreak", "system_prompt_extraction", "harmful_intent"], categories: ["injection", "jailbreak", "harmful"] },
  pii: { types: ["pii"], categories: ["pii"] },
  secret: { types: ["secret"], categories: ["secret"] },
};

const GOALS: Record<Category, string> = {
  injection: "≥ 90%",
  jailbreak: "≥ 90%",
  harmful: "≥ 60%",
  pii: "≥ 95%",
  secret: "≥ 95%",
  benign: "≤ 3%",
  benign_scary: "≤ 10%",
};

function main(): void {
  const texts = loadCorpus().filter((t) => partOf(t.text) === "eval");
  const total = new Map<Category, number>();
  const flagged = new Map<Category, number>();
  const family = new Map<string, { hit: number; right: number }>();
  const started = process.hrtime.bigint();
  for (const t of texts) {
    const r = scoreRisk({ prompt: t.text, response: "", model: "gpt-4o-mini", status: "success", totalTokens: Math.ceil(t.text.length / 4) });
    total.set(t.category, (total.get(t.category) ?? 0) + 1);
    if (r.score >= DEFAULT_FLAG_THRESHOLD) flagged.set(t.category, (flagged.get(t.category) ?? 0) + 1);
    for (const [name, f] of Object.entries(FAMILIES)) {
      if (!r.factors.some((x) => f.types.includes(x.type) && x.points >= DEFAULT_FLAG_THRESHOLD)) continue;
      const c = family.get(name) ?? { hit: 0, right: 0 };
      c.hit++;
      if (f.categories.includes(t.category)) c.right++;
      family.set(name, c);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const pct = (a: number, b: number) => (b === 0 ? "—" : `${((100 * a) / b).toFixed(1)}%`);

  console.log(`Held-out texts: ${texts.length} (scored in ${seconds.toFixed(1)} s)\n`);
  console.log("| category | texts | flagged (score ≥ 70) | goal |\n|---|---|---|---|");
  const byCategory: Record<string, { texts: number; flagged: number; rate: number }> = {};
  for (const c of CATEGORIES) {
    const n = total.get(c) ?? 0;
    const f = flagged.get(c) ?? 0;
    byCategory[c] = { texts: n, flagged: f, rate: n === 0 ? 0 : f / n };
    console.log(`| ${c} | ${n} | ${pct(f, n)} | ${GOALS[c]} |`);
  }
  console.log("\n| detector family | confident on | precision | recall of its categories |\n|---|---|---|---|");
  const byFamily: Record<string, { confident: number; precision: number; recall: number }> = {};
  for (const [name, f] of Object.entries(FAMILIES)) {
    const c = family.get(name) ?? { hit: 0, right: 0 };
    const positives = f.categories.reduce((s, cat) => s + (total.get(cat) ?? 0), 0);
    byFamily[name] = { confident: c.hit, precision: c.hit === 0 ? 0 : c.right / c.hit, recall: positives === 0 ? 0 : c.right / positives };
    console.log(`| ${name} | ${c.hit} | ${pct(c.right, c.hit)} | ${pct(c.right, positives)} |`);
  }
  const out = new URL("../../../bench/results/", import.meta.url);
  mkdirSync(out, { recursive: true });
  writeFileSync(new URL("risk-eval.json", out), `${JSON.stringify({ at: new Date().toISOString(), threshold: DEFAULT_FLAG_THRESHOLD, byCategory, byFamily }, null, 2)}\n`);
}

main();
