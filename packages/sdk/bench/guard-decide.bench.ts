/**
 * The guard's decision in the application's process (issue 10): what a wrapped OpenAI client adds before
 * each call for a 4 KB prompt, and what `guard.check()` costs. Three policies:
 *   (a) no rules: the fast path, one identity check of the config snapshot;
 *   (b) a few rules without a threshold (disable_endpoint for another endpoint, switch_model, an endpoint's
 *       system prompt, a per-user limit for another user, one rule with an expiry): serialize the messages
 *       as logged, then the policy engine;
 *   (c) the same plus increase_safety_threshold: the prompt is also scored by the risk scorer.
 * Goal < 20 µs per call. Run with `pnpm --filter @llmguard/sdk bench` (part of `pnpm bench`); prints the
 * figures and writes bench/results/guard-decide.json at the repository root. A benchmark reports and never
 * fails on its goal (a busy shared machine slows it down).
 *
 * The rules come from a real ConfigClient loaded from its cache file (the SDK's own format, written by the
 * SDK's own code) and closed before it connects, so the figures are the in-memory decision alone.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path, { join } from "node:path";
import { fileURLToPath } from "node:url";
import { keyFingerprint, writeCacheFile } from "../src/config/config-cache-file";
import { ConfigClient } from "../src/config/config-client";
import { Enforcer } from "../src/enforcement";
import { serializeMessages } from "../src/guard/policy/messages";

const GOAL_US = 20;
const BATCH = 200;
const BATCHES = 500;
const SAMPLES = 50_000;
const round2 = (x: number) => Math.round(x * 100) / 100;

const apiKey = "lg_benchbenchben_benchbenchbenchbenchbenchbenchbe";
const APPLIED = "2026-01-01T00:00:00.000Z";
const LATER = "2099-01-01T00:00:00.000Z";
const rule = (type: string, parameters: Record<string, unknown>, expiresAt: string | null = null) => ({ type, parameters, appliedAt: APPLIED, expiresAt });
const FEW_RULES = {
  "guard.rules.off": rule("disable_endpoint", { endpoint: "/legacy-export" }),
  "guard.rules.model": rule("switch_model", { to: "gpt-4o-mini", from: "gpt-4o" }, LATER),
  "guard.rules.prompt": rule("change_system_prompt", { prompt: "You are the support assistant. Never reveal internal notes.", endpoint: "/support" }),
  "guard.rules.limit": rule("rate_limit_user", { endUserId: "abuser-17", requestsPerMinute: 10 }),
};
const WITH_THRESHOLD = { ...FEW_RULES, "guard.rules.threshold": rule("increase_safety_threshold", { threshold: 60 }) };

// A 4 KB chat: a system prompt, some history and a long user question (benign: nothing is blocked).
const SENTENCES = [
  "Our nginx reverse proxy should forward the X-Forwarded-For header and keep connections alive for 75 seconds.",
  "Summarize the quarterly report in three bullet points, focusing on revenue growth and churn in the enterprise segment.",
  "The query is fine, but an index on created_at will help once the table grows beyond a few million rows.",
  "Please translate the following paragraph into French, keeping the technical terms in English where appropriate.",
  "To reset the cache, run the cleanup job, then restart the worker pool so that new settings are picked up.",
];
const PROMPT_CHARS = 4_096;
const history = [
  { role: "system", content: "You are a helpful assistant for the Acme developer platform. Answer precisely and cite the documentation page when you can." },
  { role: "user", content: "How do I rotate my API key without downtime?" },
  { role: "assistant", content: "Create a second key, deploy it, then delete the first one once no request uses it any more." },
];
let question = "";
for (let i = 0; question.length < PROMPT_CHARS; i++) question += `${SENTENCES[i % SENTENCES.length]} `;
// "user: " and the newline before it are part of the serialized prompt.
question = question.slice(0, PROMPT_CHARS - serializeMessages(history).length - "\nuser: ".length);
const messages = [...history, { role: "user", content: question }];
if (serializeMessages(messages).length !== PROMPT_CHARS) throw new Error("the sample prompt is not 4 KB");

interface Figures {
  meanUs: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
}

/** Mean from batches (timer overhead amortized); p50/p99 from per-call samples (each includes one timer read, reported). */
function measure(fn: () => void): Figures {
  for (let i = 0; i < BATCH * 50; i++) fn();
  let total = 0;
  for (let b = 0; b < BATCHES; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) fn();
    total += Number(process.hrtime.bigint() - t0);
  }
  const sampled = new Float64Array(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    sampled[i] = Number(process.hrtime.bigint() - t0);
  }
  sampled.sort();
  const q = (p: number) => (sampled[Math.min(SAMPLES - 1, Math.floor(p * SAMPLES))] ?? 0) / 1000;
  return { meanUs: round2(total / (BATCHES * BATCH) / 1000), p50Us: round2(q(0.5)), p99Us: round2(q(0.99)), maxUs: round2((sampled[SAMPLES - 1] ?? 0) / 1000) };
}

const timerNs = (() => {
  const t = new Float64Array(200_000);
  for (let i = 0; i < t.length; i++) {
    const t0 = process.hrtime.bigint();
    t[i] = Number(process.hrtime.bigint() - t0);
  }
  t.sort();
  return t[Math.floor(t.length / 2)] ?? 0;
})();

const dir = await mkdtemp(join(os.tmpdir(), "llmguard-sdk-guard-bench-"));
let sink = 0;
const results: Record<string, { wrapper: Figures; check: Figures; rules: number }> = {};
try {
  for (const [name, values] of [
    ["noRules", {}],
    ["fewRules", FEW_RULES],
    ["threshold", WITH_THRESHOLD],
  ] as const) {
    const cacheFile = join(dir, `${name}.json`);
    await writeCacheFile(cacheFile, { environment: "production", keyFingerprint: keyFingerprint(apiKey), etag: null, config: { version: 5, environment: "production", values } });
    const config = new ConfigClient({ apiKey, baseUrl: "http://127.0.0.1:9", cacheFile, onError: (e) => console.error(`  unexpected: ${e.code} ${e.message}`) });
    await config.close(); // before it ever connects: what remains is the in-memory decision
    const enforcer = new Enforcer(() => config, (e) => console.error(`  unexpected: ${e.code} ${e.message}`));
    const policy = enforcer.policy();

    // Correctness first: the figures are only worth something if the decision is the expected one.
    const expected = { noRules: 0, fewRules: 4, threshold: 5 }[name];
    if (config.version !== 5 || policy.rules.length !== expected || policy.issues.length > 0) throw new Error(`${name}: the policy did not load (${policy.rules.length} rules)`);
    const probe = enforcer.check({ model: "gpt-4o", messages, endpoint: "/support", endUserId: "user-42" });
    if (!probe.allowed || (name !== "noRules" && (probe.model !== "gpt-4o-mini" || probe.systemPrompt === null)) || (name === "threshold" && probe.riskScore === null)) {
      throw new Error(`${name}: unexpected decision ${JSON.stringify({ ...probe, messages: undefined })}`);
    }

    // What wrapOpenAI adds before the provider call (openai.ts: policy(), then judge() when there are rules).
    const wrapper = () => {
      const p = enforcer.policy();
      if (p.rules.length === 0) return;
      const prompt = serializeMessages(messages);
      const d = enforcer.decide(p, { model: "gpt-4o", prompt, endpoint: "/support", endUserId: "user-42" });
      if (d.allowed) sink++;
    };
    const check = () => {
      if (enforcer.check({ model: "gpt-4o", messages, endpoint: "/support", endUserId: "user-42" }).allowed) sink++;
    };
    results[name] = { wrapper: measure(wrapper), check: measure(check), rules: expected };
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

const cpus = os.cpus();
const f = (x: Figures) => `mean ${x.meanUs} µs  p50 ${x.p50Us} µs  p99 ${x.p99Us} µs`;
const labels = { noRules: "(a) no rules", fewRules: "(b) 4 rules, no threshold", threshold: "(c) 5 rules with a threshold (scoring)" } as const;
console.log(`SDK guard decision before an LLM call, ${PROMPT_CHARS.toLocaleString("en")}-char prompt (node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}); samples include ~${timerNs} ns of timer`);
for (const key of ["noRules", "fewRules", "threshold"] as const) {
  const r = results[key]!;
  console.log(`  ${labels[key].padEnd(40)} wrapOpenAI: ${f(r.wrapper)}   check(): ${f(r.check)}`);
}
const met = (key: keyof typeof labels) => results[key]!.wrapper.p99Us < GOAL_US;
console.log(`  goal < ${GOAL_US} µs per call (p99, wrapOpenAI): (a) ${met("noRules") ? "met" : "NOT met"}, (b) ${met("fewRules") ? "met" : "NOT met"}, (c) ${met("threshold") ? "met" : "NOT met"} (checksum ${sink})`);

const few = results.fewRules!;
const result = {
  name: "guard-decide",
  title: "SDK guard decision before an LLM call, 4 KB prompt, in process (packages/sdk/bench)",
  value: few.wrapper.meanUs,
  unit: "µs/call",
  values: {
    noRulesMeanUs: results.noRules!.wrapper.meanUs,
    noRulesP99Us: results.noRules!.wrapper.p99Us,
    fewRulesMeanUs: few.wrapper.meanUs,
    fewRulesP50Us: few.wrapper.p50Us,
    fewRulesP99Us: few.wrapper.p99Us,
    thresholdMeanUs: results.threshold!.wrapper.meanUs,
    thresholdP50Us: results.threshold!.wrapper.p50Us,
    thresholdP99Us: results.threshold!.wrapper.p99Us,
    checkFewRulesMeanUs: few.check.meanUs,
    promptChars: PROMPT_CHARS,
    timerOverheadNs: timerNs,
  },
  goal: `p99 < ${GOAL_US} µs per call without a threshold rule (a, b)`,
  passedGoal: met("noRules") && met("fewRules"),
  rows: 0,
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus.length,
  cpuModel: cpus[0]?.model.trim() ?? "unknown",
  details: { ...results, checksum: sink },
};
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const outDir = path.join(repoRoot, "bench", "results");
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, "guard-decide.json"), `${JSON.stringify(result, null, 2)}\n`);
console.log(`  wrote ${path.relative(repoRoot, path.join(outDir, "guard-decide.json"))}`);
