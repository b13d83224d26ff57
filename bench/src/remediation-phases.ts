// The remediation phases of `pnpm bench` (issue 10), called by run.ts after the incident phases:
//   remediation-to-enforcement  from the 201 of POST /incidents/{id}/remediations (disable_endpoint) until
//                               10 SDK instances' `guard.check()` block the endpoint (SSE push), then the
//                               same for the rollback letting it through again;
//   guard-check-http            POST /api/v1/guard/check throughput and latency, 50 closed-loop clients, with
//                               rules in force (latency there is queueing at saturation);
//   guard-check-http-paced      the same 50 clients paced to half that throughput: the p99 a caller sees
//                               under load the server can carry (the goal's figure).
import { runLoad, type LoadRequest } from "./lib/load";
import { result } from "./lib/report";
import { loadSdk } from "./lib/sdk";
import { fmt, summarize } from "./lib/stats";
import { cfg, enabled, repoRoot } from "./bench-options";
import { log, record, waitQuiet, type RunContext } from "./run-context";

export const REMEDIATION_GOALS = { enforcementP99Ms: 1_000, guardCheckP99Ms: 5 };

interface GuardWithCheck {
  readonly config: { ready(o?: { timeoutMs?: number }): Promise<void>; onChange(l: () => void): () => void };
  check(call: { model: string; prompt?: string; endpoint?: string }): { allowed: boolean };
  shutdown(): Promise<void>;
}

export async function runRemediationPhases(ctx: RunContext): Promise<void> {
  if (enabled("remediation-to-enforcement")) await measureEnforcement(ctx);
  if (enabled("guard-check-http")) await measureGuardCheck(ctx);
}

async function incidentOf(ctx: RunContext, token: string, projectId: string): Promise<string> {
  const incident = await ctx.api.call<{ id: string }>("POST", `/api/v1/projects/${projectId}/incidents`, { token, body: { title: "bench attack", severity: "high" }, expect: 201 });
  return incident.id;
}

async function measureEnforcement(ctx: RunContext): Promise<void> {
  const sdk = (await loadSdk(repoRoot)) as unknown as { LLMGuard: new (o: Record<string, unknown>) => GuardWithCheck };
  const token = await ctx.login();
  const project = await ctx.api.createProject(token, "bench remediation");
  const incidentId = await incidentOf(ctx, token, project.projectId);
  const n = 10;
  const guards = Array.from({ length: n }, () => new sdk.LLMGuard({ apiKey: project.apiKey, baseUrl: ctx.server.origin, handleProcessExit: false, onError: () => undefined }));
  const call = { model: "gpt-4o", prompt: "user: hello", endpoint: "/bench-chat" };
  try {
    await Promise.all(guards.map((g) => g.config.ready({ timeoutMs: 30_000 })));
    await waitQuiet("remediation-to-enforcement");
    const rounds = 20;
    log(`remediation-to-enforcement: ${rounds} apply + rollback rounds, ${n} SDK instances ...`);
    const samples: number[] = [];
    /** Milliseconds from `since` until every guard answers `allowed === want` (checked on each config change). */
    const until = (want: boolean, since: number) =>
      new Promise<number>((resolve, reject) => {
        const done = () => guards.every((g) => g.check(call).allowed === want);
        const offs: (() => void)[] = [];
        const timer = setTimeout(() => (offs.forEach((o) => o()), reject(new Error("not enforced within 10 s"))), 10_000);
        const finish = () => {
          if (!done()) return;
          clearTimeout(timer);
          offs.forEach((o) => o());
          resolve(performance.now() - since);
        };
        for (const g of guards) offs.push(g.config.onChange(finish));
        finish();
      });
    for (let i = 0; i < rounds; i++) {
      const applied = await ctx.api.call<{ id: string }>("POST", `/api/v1/incidents/${incidentId}/remediations`, { token, body: { type: "disable_endpoint", parameters: { endpoint: "/bench-chat" } }, expect: 201 });
      samples.push(await until(false, performance.now()));
      await ctx.api.call("POST", `/api/v1/remediations/${applied.id}/rollback`, { token, body: {}, expect: 200 });
      samples.push(await until(true, performance.now()));
    }
    const s = summarize(samples);
    record(ctx, result({
      name: "remediation-to-enforcement",
      title: `From a remediation's (or rollback's) answer until ${n} SDK instances enforce it in guard.check() (SSE push, one instance)`,
      value: Math.round(s.p99Ms),
      unit: "ms p99",
      values: { ...s, samples: samples.length, clients: n },
      goal: `p99 < ${REMEDIATION_GOALS.enforcementP99Ms} ms`,
      passedGoal: s.p99Ms < REMEDIATION_GOALS.enforcementP99Ms,
      rows: await ctx.projectRows(project.projectId),
    }));
    log(`  p50 ${fmt.ms(s.p50Ms)}, p99 ${fmt.ms(s.p99Ms)} over ${samples.length} changes`);
  } finally {
    await Promise.all(guards.map((g) => g.shutdown()));
  }
}

async function measureGuardCheck(ctx: RunContext): Promise<void> {
  const token = await ctx.login();
  const project = await ctx.api.createProject(token, "bench guard check");
  const incidentId = await incidentOf(ctx, token, project.projectId);
  const rules = [
    { type: "disable_endpoint", parameters: { endpoint: "/admin" } },
    { type: "switch_model", parameters: { from: "gpt-4o", to: "gpt-4o-mini" } },
    { type: "change_system_prompt", parameters: { prompt: "Answer briefly.", endpoint: "/chat" } },
    { type: "rate_limit_user", parameters: { endUserId: "bench-heavy-user", requestsPerMinute: 1_000_000 } },
  ];
  for (const body of rules) await ctx.api.call("POST", `/api/v1/incidents/${incidentId}/remediations`, { token, body, expect: 201 });
  const headers = { "content-type": "application/json", "x-api-key": project.apiKey };
  const bodies = [
    { model: "gpt-4o", prompt: "user: What is the capital of France?", endpoint: "/chat", endUserId: "u-1" },
    { model: "gpt-4o", prompt: "user: hello", endpoint: "/admin" },
    { model: "gpt-4.1", prompt: "user: summarize this", endUserId: "bench-heavy-user" },
  ].map((b) => Buffer.from(JSON.stringify(b)));
  await waitQuiet("guard-check-http");
  log(`guard-check-http: ${cfg.concurrency} clients ...`);
  const res = await runLoad({
    origin: ctx.server.origin,
    concurrency: cfg.concurrency,
    warmupMs: cfg.warmupMs,
    durationMs: cfg.durationMs,
    maxRequests: 1_000_000,
    expectStatus: 200,
    next: (i): LoadRequest => ({ method: "POST", path: "/api/v1/guard/check", headers, body: bodies[i % bodies.length]! }),
  });
  const lat = summarize(res.latencies);
  record(ctx, result({
    name: "guard-check-http",
    title: `POST /api/v1/guard/check with 4 rules in force, ${cfg.concurrency} closed-loop clients, production server`,
    value: Math.round(res.unitsPerSec),
    unit: "checks/s",
    values: { ...lat, errors: res.errors },
    goal: "— (saturation throughput; the latency goal is guard-check-http-paced's)",
    passedGoal: res.errors === 0,
    rows: await ctx.projectRows(project.projectId),
  }));
  log(`  ${fmt.int(res.unitsPerSec)} checks/s, p50 ${fmt.ms(lat.p50Ms)}, p99 ${fmt.ms(lat.p99Ms)}${res.errors ? `, ${res.errors} errors` : ""}`);

  const rate = Math.max(50, Math.round(res.unitsPerSec / 2));
  await waitQuiet("guard-check-http-paced");
  log(`guard-check-http-paced: ${cfg.concurrency} clients at ${fmt.int(rate)} checks/s ...`);
  const paced = await runLoad({ origin: ctx.server.origin, concurrency: cfg.concurrency, warmupMs: cfg.warmupMs, durationMs: cfg.durationMs, maxRequests: 1_000_000, expectStatus: 200, ratePerSec: rate, next: (i): LoadRequest => ({ method: "POST", path: "/api/v1/guard/check", headers, body: bodies[i % bodies.length]! }) });
  const pl = summarize(paced.latencies);
  record(ctx, result({
    name: "guard-check-http-paced",
    title: `POST /api/v1/guard/check, ${cfg.concurrency} clients paced to ${fmt.int(rate)} checks/s (half the closed-loop throughput), latency from each check's scheduled time`,
    value: Math.round(pl.p99Ms * 100) / 100,
    unit: "ms p99",
    values: { ...pl, ratePerSec: rate, achievedPerSec: Math.round(paced.requestsPerSec), errors: paced.errors },
    goal: `p99 < ${REMEDIATION_GOALS.guardCheckP99Ms} ms`,
    passedGoal: pl.p99Ms < REMEDIATION_GOALS.guardCheckP99Ms && paced.errors === 0,
    rows: await ctx.projectRows(project.projectId),
  }));
  log(`  p50 ${fmt.ms(pl.p50Ms)}, p99 ${fmt.ms(pl.p99Ms)} at ${fmt.int(paced.requestsPerSec)} checks/s${paced.errors ? `, ${paced.errors} errors` : ""}`);
}
