// The gateway phase of `pnpm bench` (issue 13), called by run.ts after the remediation phases: what the
// OpenAI-compatible gateway adds to a call against calling the same upstream directly, side by side in one
// run, over the production server's real HTTP path (`POST /api/v1/gateway/openai/v1/chat/completions`).
//   gateway-throughput  50 closed-loop clients through the gateway (and, for reference, straight to the
//                       upstream): calls per second, server CPU per call;
//   gateway-overhead    non-streamed: 50 clients paced to half that throughput, alternating blocks gateway /
//                       direct (A B A B …): p50 and p99 of each path and their difference;
//   gateway-ttft        the same with `stream: true`: time to the first content token, each path.
// The upstream is bench/src/gateway-upstream.ts, a node:http process of its own on the same 2-core machine
// that answers at once with a fixed small completion (a few SSE chunks when streamed). Both paths use the
// same generator (lib/agent-load.ts: node:http, a keep-alive http.Agent per target). ~50 s in all.
// BENCH_ONLY=gateway runs it alone; see docs/benchmarks.md.
import os from "node:os";
import path from "node:path";
import { keepAliveAgent, runAgentLoad, runSideBySide, type AgentLoadResult, type AgentTarget } from "./lib/agent-load";
import { cpuSnapshot, cpuSplit, type CpuSplit } from "./lib/cpu";
import { FIRST_TOKEN_MARK, UPSTREAM_CONTENT } from "./lib/gateway-fixture";
import { monotonicUs } from "./lib/profile";
import { result } from "./lib/report";
import { startGatewayUpstream, type RunningServer } from "./lib/server";
import { fmt, summarize, type LatencySummary } from "./lib/stats";
import { cfg, enabled, repoRoot, resultsDir } from "./bench-options";
import { log, record, waitQuiet, type RunContext } from "./run-context";

export const GATEWAY_GOALS = { overheadP50Ms: 1, overheadP99Ms: 5, ttftOverheadP99Ms: 2 };
const GATEWAY_PATH = "/api/v1/gateway/openai/v1/chat/completions";
const SHARED_NOTE = "upstream: a local node:http process answering at once, sharing the 2-core machine with the server, PostgreSQL and the load generator";

export const gatewayPhaseEnabled = () => enabled("gateway");
/** The diagnostic on the bare server runs only when named (BENCH_ONLY=gateway-bare): it doubles the phase's time. */
export const gatewayBarePhaseEnabled = () => cfg.only.includes("gateway-bare");

/** Load average (1, 5, 15 min) rounded: recorded with the figures, since other work shares this machine. */
const loadAvg = () => os.loadavg().map((x) => Math.round(x * 100) / 100) as [number, number, number];

/**
 * The phase against the production server (`gateway-*`, with goals), or as a diagnostic against another
 * server on the same database (`gateway-bare-*`: serveRest on bare node:http, no Next), without goals.
 */
export async function runGatewayPhases(ctx: RunContext, variant: { server: RunningServer; prefix: "gateway" | "gateway-bare"; what: string } = { server: ctx.server, prefix: "gateway", what: "production server" }): Promise<void> {
  const { server, prefix } = variant;
  const goals = prefix === "gateway";
  const clients = cfg.gatewayConcurrency;
  // Every window scales with BENCH_DURATION_S (15 s: the defaults below, ~50 s in all).
  const scale = cfg.durationMs / 15_000;
  const ms = (x: number) => Math.max(500, Math.round(x * scale));
  const warmupMs = Math.min(cfg.warmupMs, 3_000);

  const token = await ctx.login();
  const project = await ctx.api.createProject(token, "Bench (gateway)");
  const key = await ctx.api.createApiKey(token, project.projectId, "bench gateway", ["gateway"]);
  const upstream = await startGatewayUpstream({ benchDir: path.join(repoRoot, "bench"), logFile: path.join(resultsDir, "gateway-upstream.log.tmp") });
  const agents = [keepAliveAgent(clients), keepAliveAgent(clients)];
  try {
    // What the int tests set up (packages/api/src/rest/gateway.int.test.ts): the provider key in the
    // project's secrets store, the upstream in its config; the server runs with GATEWAY_ALLOW_PRIVATE_UPSTREAMS=1.
    const upstreamKey = "sk-bench-upstream-key";
    await ctx.api.putSecret(token, project.projectId, "OPENAI_API_KEY", upstreamKey);
    await ctx.api.putConfig(token, project.projectId, "base", { "gateway.upstream.baseUrl": upstream.baseUrl }, "gateway benchmark");

    const chat = { model: "gpt-4o-mini", messages: [{ role: "system", content: "You are a helpful support assistant. Answer in one short sentence." }, { role: "user", content: "What are your opening hours on Saturday?" }], max_tokens: 64 };
    const plain = Buffer.from(JSON.stringify(chat));
    const streamed = Buffer.from(JSON.stringify({ ...chat, stream: true }));
    const upstreamUrl = new URL(upstream.baseUrl);
    const target = (label: "direct" | "gateway", body: Buffer): AgentTarget =>
      label === "direct"
        ? { label, origin: upstreamUrl.origin, path: `${upstreamUrl.pathname}/chat/completions`, headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${upstreamKey}` }, body, agent: agents[0]! }
        : { label, origin: server.origin, path: GATEWAY_PATH, headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${key.key}`, "x-llmguard-endpoint": "/bench-chat" }, body, agent: agents[1]! };
    const direct = target("direct", plain);
    const gateway = target("gateway", plain);
    const directStream = target("direct", streamed);
    const gatewayStream = target("gateway", streamed);
    const checkPlain = (b: string) => b.includes(UPSTREAM_CONTENT);
    // A stream must end with [DONE] and never carry the usage-only chunk (empty choices) the gateway asks
    // the upstream for on its own account and must keep from the client.
    const checkStream = (b: string) => b.endsWith("data: [DONE]\n\n") && !b.includes('"choices":[]');

    // One call each way first: a misconfiguration fails here with the server's answer.
    for (const [t, check] of [[direct, checkPlain], [gateway, checkPlain], [gatewayStream, checkStream]] as const) {
      const probe = await runAgentLoad({ target: t, concurrency: 1, durationMs: 1, check, ...(t === gatewayStream ? { firstMark: FIRST_TOKEN_MARK } : {}) });
      if (probe.requests === 0 || probe.errors > 0) throw new Error(`gateway phase: the first ${t.label} call failed: ${probe.errorSamples.join(" | ")}`);
    }

    await waitQuiet(prefix);
    const loadBefore = loadAvg();
    log(`${prefix}: ${variant.what}, ${clients} clients; ${SHARED_NOTE}; load average ${loadBefore.join(" / ")}`);

    // Warm-up (JIT, caches, every keep-alive connection open on both paths), not measured.
    for (const [t, check, d] of [[gateway, checkPlain, warmupMs], [direct, checkPlain, warmupMs / 3], [gatewayStream, checkStream, warmupMs / 2], [directStream, checkStream, warmupMs / 6]] as const) {
      await runAgentLoad({ target: t, concurrency: clients, durationMs: Math.max(300, d), check });
    }

    // (1) throughput: closed loop through the gateway, then straight to the upstream ----------------------
    const snap = () => ({ server: cpuSnapshot(server.pid), upstream: cpuSnapshot(upstream.pid) });
    const split = (a: ReturnType<typeof snap>, b: ReturnType<typeof snap>) => withUpstream(cpuSplit(a.server, b.server), cpuSplit(a.upstream, b.upstream));
    const t0 = snap();
    ctx.profileWindows.push({ name: `${prefix}-throughput`, fromUs: monotonicUs(), toUs: Infinity });
    const gwClosed = await runAgentLoad({ target: gateway, concurrency: clients, durationMs: ms(5_000), check: checkPlain });
    ctx.profileWindows[ctx.profileWindows.length - 1]!.toUs = monotonicUs();
    const t1 = snap();
    const directClosed = await runAgentLoad({ target: direct, concurrency: clients, durationMs: ms(3_000), check: checkPlain });
    const t2 = snap();
    const gwCpu = split(t0, t1);
    const directCpu = split(t1, t2);
    const perCall = (pct: number, r: AgentLoadResult) => Math.round(((pct / 100) * r.elapsedMs * 1000) / Math.max(1, r.requests));
    const gwLat = summarize(gwClosed.totalMs);
    log(`  ${prefix}-throughput: ${fmt.int(gwClosed.requestsPerSec)} calls/s through the gateway (p50 ${fmt.ms(gwLat.p50Ms)}, p99 ${fmt.ms(gwLat.p99Ms)}: queueing), ${gwClosed.errors} errors; straight to the upstream ${fmt.int(directClosed.requestsPerSec)} calls/s; server ${gwCpu.serverPct}% CPU, ${perCall(gwCpu.serverPct, gwClosed)} µs per call; pg ${gwCpu.postgresPct}%, upstream ${gwCpu.upstreamPct}%, load gen ${gwCpu.loadGeneratorPct}% (machine ${gwCpu.machineBusyPct}%)`);
    if (gwClosed.errorSamples.length) log(`  error samples: ${gwClosed.errorSamples.join(" | ")}`);
    record(ctx, result({
      name: `${prefix}-throughput`,
      title: `Gateway throughput (${variant.what}), non-streamed chat completions, ${clients} closed-loop clients (${SHARED_NOTE})`,
      value: Math.round(gwClosed.requestsPerSec),
      unit: "calls/s",
      values: {
        callsPerSec: Math.round(gwClosed.requestsPerSec),
        ...gwLat,
        errors: gwClosed.errors,
        concurrency: clients,
        seconds: Math.round(gwClosed.elapsedMs / 100) / 10,
        directCallsPerSec: Math.round(directClosed.requestsPerSec),
        directP50Ms: summarize(directClosed.totalMs).p50Ms,
        directErrors: directClosed.errors,
        serverCpuUsPerCall: perCall(gwCpu.serverPct, gwClosed),
        postgresCpuUsPerCall: perCall(gwCpu.postgresPct, gwClosed),
        upstreamCpuUsPerCall: perCall(gwCpu.upstreamPct, gwClosed),
        upstreamCpuUsPerDirectCall: perCall(directCpu.upstreamPct, directClosed),
        loadGenCpuUsPerCall: perCall(gwCpu.loadGeneratorPct, gwClosed),
        loadGenCpuUsPerDirectCall: perCall(directCpu.loadGeneratorPct, directClosed),
        loadAvg1: loadBefore[0],
      },
      goal: null,
      passedGoal: null,
      rows: await ctx.projectRows(project.projectId),
      details: { cpu: gwCpu, directCpu, loadAvg: loadBefore, errorSamples: [...gwClosed.errorSamples, ...directClosed.errorSamples] },
    }));

    // The paced rate both paths are measured at: what the gateway carries without saturating.
    const rate = cfg.gatewayRate > 0 ? cfg.gatewayRate : Math.max(10, Math.round(gwClosed.requestsPerSec / 2));

    // (2) overhead, non-streamed -------------------------------------------------------------------
    // Gateway blocks first: its connections have been idle since the throughput window (3 s of direct calls).
    const sideBySide = async (name: string, targets: readonly [AgentTarget, AgentTarget], blocks: number, blockMs: number, check: (b: string) => boolean, firstMark?: string) => {
      log(`  ${name}: ${clients} clients paced to ${fmt.int(rate)} calls/s, ${blocks} blocks of ${blockMs / 1000} s per path, alternating gateway / direct ...`);
      const a = snap();
      ctx.profileWindows.push({ name, fromUs: monotonicUs(), toUs: Infinity });
      const [g, d] = await runSideBySide({ targets, blocks, blockMs, concurrency: clients, ratePerSec: rate, check, ...(firstMark ? { firstMark } : {}) });
      ctx.profileWindows[ctx.profileWindows.length - 1]!.toUs = monotonicUs();
      const cpu = split(a, snap());
      return { d, g, cpu };
    };
    // Blocks of at most 4 s (a target's connections stay idle for one block: under the 5 s keep-alive
    // timeout of a plain node:http server such as the bare diagnostic's); more of them for a longer run.
    const blockMsOf = (total: number) => Math.min(4_000, ms(total / 4));
    const blocksOf = (total: number) => Math.max(4, Math.round(ms(total) / blockMsOf(total)));
    {
      const { d, g, cpu } = await sideBySide(`${prefix}-overhead`, [gateway, direct], blocksOf(10_000), blockMsOf(10_000), checkPlain);
      const dl = summarize(d.totalMs);
      const gl = summarize(g.totalMs);
      const o50 = diff(gl.p50Ms, dl.p50Ms);
      const o99 = diff(gl.p99Ms, dl.p99Ms);
      const loadAfter = loadAvg();
      log(`  direct p50 ${fmt.ms(dl.p50Ms)} p99 ${fmt.ms(dl.p99Ms)}; gateway p50 ${fmt.ms(gl.p50Ms)} p99 ${fmt.ms(gl.p99Ms)}; overhead p50 ${fmt.ms(o50)}, p99 ${fmt.ms(o99)} (goal < ${GATEWAY_GOALS.overheadP50Ms} / < ${GATEWAY_GOALS.overheadP99Ms} ms); errors ${d.errors} / ${g.errors}; load average ${loadAfter.join(" / ")}`);
      if (d.errorSamples.length + g.errorSamples.length) log(`  error samples: ${[...d.errorSamples, ...g.errorSamples].join(" | ")}`);
      record(ctx, result({
        name: `${prefix}-overhead`,
        title: `Gateway overhead (${variant.what}), non-streamed chat completion: through the gateway − straight to the same upstream, ${clients} clients paced to ${fmt.int(rate)} calls/s, side by side (${SHARED_NOTE})`,
        value: o50,
        unit: "ms p50 overhead",
        values: { overheadP50Ms: o50, overheadP99Ms: o99, ...prefixed("direct", dl), ...prefixed("gateway", gl), directErrors: d.errors, gatewayErrors: g.errors, ratePerSec: rate, directAchievedPerSec: Math.round(d.requestsPerSec), gatewayAchievedPerSec: Math.round(g.requestsPerSec), concurrency: clients, blocks: blocksOf(10_000), blockSeconds: blockMsOf(10_000) / 1000, loadAvg1: loadAfter[0] },
        goal: goals ? `overhead p50 < ${GATEWAY_GOALS.overheadP50Ms} ms, p99 < ${GATEWAY_GOALS.overheadP99Ms} ms` : null,
        passedGoal: goals ? d.errors + g.errors === 0 && o50 < GATEWAY_GOALS.overheadP50Ms && o99 < GATEWAY_GOALS.overheadP99Ms : null,
        rows: await ctx.projectRows(project.projectId),
        details: { cpu, loadAvg: loadAfter, errorSamples: [...d.errorSamples, ...g.errorSamples] },
      }));
    }

    // (3) time to first token, streamed ------------------------------------------------------------
    {
      const { d, g, cpu } = await sideBySide(`${prefix}-ttft`, [gatewayStream, directStream], blocksOf(8_000), blockMsOf(8_000), checkStream, FIRST_TOKEN_MARK);
      const df = summarize(d.firstMs);
      const gf = summarize(g.firstMs);
      const dt = summarize(d.totalMs);
      const gt = summarize(g.totalMs);
      const o50 = diff(gf.p50Ms, df.p50Ms);
      const o99 = diff(gf.p99Ms, df.p99Ms);
      const loadAfter = loadAvg();
      log(`  first token direct p50 ${fmt.ms(df.p50Ms)} p99 ${fmt.ms(df.p99Ms)}; gateway p50 ${fmt.ms(gf.p50Ms)} p99 ${fmt.ms(gf.p99Ms)}; overhead p50 ${fmt.ms(o50)}, p99 ${fmt.ms(o99)} (goal p99 < ${GATEWAY_GOALS.ttftOverheadP99Ms} ms); whole stream p50 ${fmt.ms(dt.p50Ms)} / ${fmt.ms(gt.p50Ms)}; errors ${d.errors} / ${g.errors}; load average ${loadAfter.join(" / ")}`);
      if (d.errorSamples.length + g.errorSamples.length) log(`  error samples: ${[...d.errorSamples, ...g.errorSamples].join(" | ")}`);
      record(ctx, result({
        name: `${prefix}-ttft`,
        title: `Gateway time to first token (${variant.what}), streamed chat completion: through the gateway − straight to the same upstream, ${clients} clients paced to ${fmt.int(rate)} streams/s, side by side (${SHARED_NOTE})`,
        value: o99,
        unit: "ms p99 overhead",
        values: {
          overheadP50Ms: o50,
          overheadP99Ms: o99,
          ...prefixed("directFirstToken", df),
          ...prefixed("gatewayFirstToken", gf),
          directStreamP50Ms: dt.p50Ms,
          directStreamP99Ms: dt.p99Ms,
          gatewayStreamP50Ms: gt.p50Ms,
          gatewayStreamP99Ms: gt.p99Ms,
          directErrors: d.errors,
          gatewayErrors: g.errors,
          ratePerSec: rate,
          concurrency: clients,
          blocks: blocksOf(8_000),
          blockSeconds: blockMsOf(8_000) / 1000,
          loadAvg1: loadAfter[0],
        },
        goal: goals ? `first-token overhead p99 < ${GATEWAY_GOALS.ttftOverheadP99Ms} ms` : null,
        passedGoal: goals ? d.errors + g.errors === 0 && o99 < GATEWAY_GOALS.ttftOverheadP99Ms : null,
        rows: await ctx.projectRows(project.projectId),
        details: { cpu, loadAvg: loadAfter, errorSamples: [...d.errorSamples, ...g.errorSamples] },
      }));
    }
    ctx.notes.push(`${prefix} (${variant.what}): load average ${loadBefore.join(" / ")} (1/5/15 min) when it started; the upstream is a local process on the same 2 cores.`);
  } finally {
    for (const a of agents) a.destroy();
    await upstream.stop();
  }
}

/** A difference of percentiles (not a percentile of differences: the two paths' calls are not paired). */
const diff = (a: number, b: number) => Math.round((a - b) * 100) / 100;

function prefixed(prefix: string, s: LatencySummary): Record<string, number> {
  return { [`${prefix}P50Ms`]: s.p50Ms, [`${prefix}P90Ms`]: s.p90Ms, [`${prefix}P99Ms`]: s.p99Ms, [`${prefix}MaxMs`]: s.maxMs, [`${prefix}MeanMs`]: s.meanMs, [`${prefix}Count`]: s.count };
}

/** The usual split, with the upstream's process apart (it is neither the server nor the load generator). */
function withUpstream(server: CpuSplit, upstream: CpuSplit): CpuSplit & { upstreamPct: number } {
  return { ...server, upstreamPct: upstream.serverPct };
}
