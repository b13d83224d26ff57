import { LLMGuardError } from "./errors.js";
import {
  applySystemPrompt,
  compilePolicy,
  decide,
  EMPTY_POLICY,
  LocalRateCounter,
  serializeMessages,
  type ChatMessageLike,
  type GuardCall,
  type GuardDecision,
  type GuardPolicy,
} from "./guard/policy/index.js";
import { ENFORCEMENT_MAX_REASONS } from "./limits.js";
import type { Enforcement, GuardReason, RiskFactor } from "./types.js";

/**
 * Remediation enforced in the application's process (issue 10). The rules are the `guard.rules.<id>` keys of
 * the project's config, which `guard.config` already holds in memory and keeps current over the SSE stream;
 * the decision is the policy engine shared with the server (packages/guard, through src/guard), so a call
 * is judged here exactly as `/guard/check` and ingest judge it. No network hop per call.
 */

/** Where the rules come from: `guard.config` (a ConfigClient). */
export interface PolicySource {
  getAll(): Readonly<Record<string, unknown>>;
  readonly version: number | null;
}

/** A chat message as providers take it (OpenAI's message types fit); only `role` and `content` are read. */
export interface ChatMessage {
  role: string;
  content?: unknown;
}

/** What `guard.check()` is asked about: one LLM call about to be made. */
export interface GuardCheckInput<M extends ChatMessage = ChatMessage> {
  /** The model the call would go to. */
  model: string;
  /** The text judged by a threshold rule; derived from `messages` ("role: content" lines, as logged) when absent. */
  prompt?: string;
  /** The chat messages; the result then carries them as they should be sent (system prompt applied). */
  messages?: readonly M[];
  /** The feature or route the call is for (matched by disable_endpoint, and endpoint-specific rules). */
  endpoint?: string | null;
  /** Who the call is for (matched by per-user limits, which `check()` counts like a wrapped client). */
  endUserId?: string | null;
  /** Score the prompt even when no threshold rule applies. Default false (scoring costs tens of µs per 4 KB). */
  score?: boolean;
}

/** The guard's decision for one call, from the config held in memory. */
export interface GuardCheckResult<M extends ChatMessage = ChatMessage> {
  /** False: do not call the provider (`reasons[0]` says why). */
  allowed: boolean;
  /** The model to call: the requested one unless a switch_model rule applies. */
  model: string;
  /** The model asked for. */
  requestedModel: string;
  /** The system prompt to send (a change_system_prompt rule), or null to keep the caller's. */
  systemPrompt: string | null;
  /** `messages` as they should be sent (the system prompt applied), when messages were given. */
  messages?: M[];
  /** The prompt's risk score when it was scored (a threshold rule applies, or `score: true`), else null. */
  riskScore: number | null;
  riskFactors: RiskFactor[];
  /** Every rule that applied: blocks first, then rewrites. */
  reasons: GuardReason[];
  /** With a per-user limit refusal: seconds until one more call for this end user fits. */
  retryAfterSeconds?: number;
  /** What to log with the call (`guard.log({ ..., enforcement })`); null when no rule applied. */
  enforcement: Enforcement | null;
  /** The config version the decision was made from; null while no config is held (everything is allowed). */
  configVersion: number | null;
}

/**
 * Holds the compiled policy of the config snapshot in memory and the per-user counters of this process.
 * The policy is compiled once per snapshot: `getAll()` returns the same frozen object until a new version
 * arrives, so the check per call is one identity comparison.
 */
export class Enforcer {
  readonly #source: () => PolicySource;
  readonly #report: (error: LLMGuardError) => void;
  readonly #counter = new LocalRateCounter();
  #values: Readonly<Record<string, unknown>> | null = null;
  #policy: GuardPolicy = EMPTY_POLICY;
  /** Malformed rules already reported, so a rule that stays broken across versions is reported once. */
  #reported = new Set<string>();

  constructor(source: () => PolicySource, report: (error: LLMGuardError) => void) {
    this.#source = source;
    this.#report = report;
  }

  /** The policy of the config in memory (the empty policy until a config is held: everything is allowed). */
  policy(): GuardPolicy {
    const source = this.#source();
    const values = source.getAll();
    if (values !== this.#values) this.#compile(values, source.version);
    return this.#policy;
  }

  /** The engine's decision for one call, counting per-user limits in this process. */
  decide(policy: GuardPolicy, call: GuardCall, alwaysScore = false): GuardDecision {
    return decide(policy, call, { counter: this.#counter, alwaysScore });
  }

  check<M extends ChatMessage>(input: GuardCheckInput<M>): GuardCheckResult<M> {
    if (!input || typeof input !== "object" || typeof input.model !== "string") {
      throw new LLMGuardError("INVALID_OPTIONS", "guard.check() needs { model, prompt or messages }");
    }
    const policy = this.policy();
    const call: GuardCall = {
      model: input.model,
      prompt: input.prompt ?? serializeMessages(input.messages),
      endpoint: input.endpoint ?? null,
      endUserId: input.endUserId ?? null,
    };
    const d = this.decide(policy, call, input.score === true);
    const result: GuardCheckResult<M> = {
      allowed: d.allowed,
      model: d.model,
      requestedModel: d.requestedModel,
      systemPrompt: d.systemPrompt,
      riskScore: d.riskScore,
      riskFactors: d.riskFactors,
      reasons: d.reasons,
      enforcement: enforcementOf(d),
      configVersion: policy.version,
    };
    if (Array.isArray(input.messages)) result.messages = d.systemPrompt === null ? [...input.messages] : withSystemPrompt(input.messages, d.systemPrompt);
    if (d.retryAfterSeconds !== undefined) result.retryAfterSeconds = d.retryAfterSeconds;
    return result;
  }

  #compile(values: Readonly<Record<string, unknown>>, version: number | null): void {
    this.#values = values;
    let policy: GuardPolicy;
    try {
      policy = compilePolicy(values, version);
    } catch (err) {
      // A bug of ours must not stop the application's calls: fail open until the next version.
      this.#policy = EMPTY_POLICY;
      this.#report(new LLMGuardError("INTERNAL", `LLMGuard SDK: could not compile the guard rules of config version ${version ?? "none"} (${(err as Error)?.message ?? String(err)}); enforcing nothing`, { cause: err }));
      return;
    }
    this.#policy = policy;
    const seen = new Set<string>();
    for (const issue of policy.issues) {
      const id = `${issue.key}\u0000${issue.message}`;
      seen.add(id);
      if (this.#reported.has(id)) continue;
      this.#report(new LLMGuardError("INVALID_GUARD_RULE", `config key ${issue.key} is not a valid guard rule (${issue.message}); it is ignored`, { details: issue }));
    }
    this.#reported = seen;
  }
}

/** What the wrapper logs with the call: blocked, modified (a rule rewrote it), or nothing. */
export function enforcementOf(d: GuardDecision): Enforcement | null {
  if (d.reasons.length === 0) return null;
  return { outcome: d.allowed ? "modified" : "blocked", reasons: d.reasons.slice(0, ENFORCEMENT_MAX_REASONS) };
}

/** applySystemPrompt for any message type with a role (the engine's own type carries an index signature, which OpenAI's interfaces lack). */
export function withSystemPrompt<M extends ChatMessage>(messages: readonly M[], prompt: string): M[] {
  return applySystemPrompt(messages as unknown as readonly ChatMessageLike[], prompt) as unknown as M[];
}
