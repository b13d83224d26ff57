import { compileTuning, scoreRisk, type CompiledTuning } from "../risk/risk.service.ts";
import type { RiskFactor } from "../risk/risk.types.ts";
import type { UserRateCounter } from "./rate-counter.ts";
import { GUARD_RULE_KEY_PREFIX, parseRule, type GuardRule, type RuleType } from "./rules.ts";

/**
 * The one policy engine (ARCHITECTURE decision 12): what the active guard rules of a config snapshot mean
 * for one LLM call. Pure and synchronous; the SDK runs it before the provider call, `/guard/check` on the
 * server, the ingest path to mark records a rule would have blocked, and the gateway in line.
 */

export interface GuardPolicy {
  /** The config version the policy was compiled from, when known. */
  readonly version: number | null;
  /** Valid rules, newest first. */
  readonly rules: readonly GuardRule[];
  /** Rule keys whose value does not parse (ignored). */
  readonly issues: readonly { key: string; message: string }[];
  /** The project's blocked keywords and allowlist, compiled for the scorer. */
  readonly tuning: CompiledTuning;
}

export interface GuardCall {
  /** The model the caller asked for. */
  model: string;
  /** The text scored against a risk threshold (the serialized messages, as logged). */
  prompt: string;
  endpoint?: string | null;
  endUserId?: string | null;
}

export interface GuardReason {
  type: RuleType;
  /** The rule's id: for a remediation, the remediation's id. */
  remediationId: string;
  message: string;
}

export interface GuardDecision {
  allowed: boolean;
  /** The model the call is sent to (the requested one unless a switch_model rule applies). */
  model: string;
  requestedModel: string;
  /** The system prompt the call is sent with, or null to leave the caller's messages alone. */
  systemPrompt: string | null;
  /** Null when no threshold rule applies and scoring was not asked for. */
  riskScore: number | null;
  riskFactors: RiskFactor[];
  /** Every rule that applied: blocks first, then rewrites. */
  reasons: GuardReason[];
  /** With a per-user limit refusal: when one more call fits. */
  retryAfterSeconds?: number;
  /** The per-user limit that applies to this call, for a caller that counts it itself (see refuseForUserLimit). */
  userLimit: { ruleId: string; endUserId: string; requestsPerMinute: number } | null;
}

export interface DecideOptions {
  /** Milliseconds since the epoch; rules past their expiresAt no longer apply. Default Date.now(). */
  now?: number;
  /** Counts per-user limits in line; without it the limit is returned in `userLimit` for the caller to count. */
  counter?: UserRateCounter;
  /** Score the prompt even when no threshold rule needs it (the `/guard/check` answer includes the score). */
  alwaysScore?: boolean;
}

const isActive = (r: GuardRule, now: number) => r.expiresAt === null || Date.parse(r.expiresAt) > now;
/** appliedAt as a time (ISO strings in other offsets or precisions do not sort as text); a rule without one is oldest. */
const appliedMs = (r: GuardRule) => (r.appliedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(r.appliedAt));
const newestFirst = (a: GuardRule, b: GuardRule) => appliedMs(b) - appliedMs(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

/** Compiles the guard part of an effective config snapshot (its `guard.*` keys). Cache it per snapshot. */
export function compilePolicy(values: Readonly<Record<string, unknown>>, version: number | null = null): GuardPolicy {
  const rules: GuardRule[] = [];
  const issues: { key: string; message: string }[] = [];
  for (const key of Object.keys(values)) {
    if (!key.startsWith(GUARD_RULE_KEY_PREFIX)) continue;
    try {
      rules.push(parseRule(key.slice(GUARD_RULE_KEY_PREFIX.length), values[key]));
    } catch (err) {
      issues.push({ key, message: (err as Error).message });
    }
  }
  rules.sort(newestFirst);
  const tuning = compileTuning({ blockedKeywords: stringList(values["guard.blockedKeywords"]), allowlist: stringList(values["guard.allowlist"]) });
  return { version, rules, issues, tuning };
}

/** The policy of a config without guard keys: allows everything, rewrites nothing. */
export const EMPTY_POLICY: GuardPolicy = compilePolicy({});

/** How specific a switch_model rule is for a call; -1 when it does not apply. */
function modelRuleRank(r: Extract<GuardRule, { type: "switch_model" }>, call: GuardCall): number {
  const { from, endpoint } = r.parameters;
  if (from !== undefined && from !== call.model) return -1;
  if (endpoint !== undefined && endpoint !== call.endpoint) return -1;
  return (endpoint !== undefined ? 2 : 0) + (from !== undefined ? 1 : 0);
}

export function decide(policy: GuardPolicy, call: GuardCall, options: DecideOptions = {}): GuardDecision {
  const now = options.now ?? Date.now();
  const blocks: GuardReason[] = [];
  const rewrites: GuardReason[] = [];
  let threshold: { value: number; rule: GuardRule } | null = null;
  let modelRule: { rank: number; rule: Extract<GuardRule, { type: "switch_model" }> } | null = null;
  let promptRule: { rank: number; rule: Extract<GuardRule, { type: "change_system_prompt" }> } | null = null;
  let userLimit: GuardDecision["userLimit"] = null;

  // Rules are newest first, so on equal specificity the first one seen wins.
  for (const rule of policy.rules) {
    if (!isActive(rule, now)) continue;
    switch (rule.type) {
      case "disable_endpoint":
        if (call.endpoint != null && rule.parameters.endpoint === call.endpoint) {
          blocks.push({ type: rule.type, remediationId: rule.id, message: `Endpoint ${call.endpoint} is disabled (rule ${rule.id})` });
        }
        break;
      case "increase_safety_threshold":
        if (!threshold || rule.parameters.threshold < threshold.value) threshold = { value: rule.parameters.threshold, rule };
        break;
      case "rate_limit_user":
        if (call.endUserId != null && rule.parameters.endUserId === call.endUserId && (!userLimit || rule.parameters.requestsPerMinute < userLimit.requestsPerMinute)) {
          userLimit = { ruleId: rule.id, endUserId: call.endUserId, requestsPerMinute: rule.parameters.requestsPerMinute };
        }
        break;
      case "switch_model": {
        const rank = modelRuleRank(rule, call);
        if (rank >= 0 && (!modelRule || rank > modelRule.rank)) modelRule = { rank, rule };
        break;
      }
      case "change_system_prompt": {
        const ep = rule.parameters.endpoint;
        const rank = ep === undefined ? 0 : ep === call.endpoint ? 1 : -1;
        if (rank >= 0 && (!promptRule || rank > promptRule.rank)) promptRule = { rank, rule };
        break;
      }
    }
  }

  const model = modelRule ? modelRule.rule.parameters.to : call.model;
  let riskScore: number | null = null;
  let riskFactors: RiskFactor[] = [];
  if (threshold || options.alwaysScore) {
    // Scored with the model the call goes to, as ingest scores the logged call (its `model` is that one).
    const risk = scoreRisk({ prompt: call.prompt, response: "", model, status: "success", totalTokens: 0 }, policy.tuning);
    riskScore = risk.score;
    riskFactors = risk.factors;
    if (threshold && risk.score >= threshold.value) {
      blocks.push({ type: "increase_safety_threshold", remediationId: threshold.rule.id, message: `Risk score ${risk.score} is at or above the blocking threshold ${threshold.value} (rule ${threshold.rule.id})` });
    }
  }

  if (modelRule && model !== call.model) {
    rewrites.push({ type: "switch_model", remediationId: modelRule.rule.id, message: `Model ${call.model} is replaced by ${model} (rule ${modelRule.rule.id})` });
  }
  const systemPrompt = promptRule ? promptRule.rule.parameters.prompt : null;
  if (promptRule) rewrites.push({ type: "change_system_prompt", remediationId: promptRule.rule.id, message: `The system prompt is set by rule ${promptRule.rule.id}` });

  const decision: GuardDecision = {
    allowed: blocks.length === 0,
    model,
    requestedModel: call.model,
    systemPrompt,
    riskScore,
    riskFactors,
    reasons: [...blocks, ...rewrites],
    userLimit,
  };
  if (decision.allowed && userLimit && options.counter) {
    const taken = options.counter.take(`${userLimit.ruleId}\u0000${userLimit.endUserId}`, userLimit.requestsPerMinute, now);
    if (!taken.allowed) return refuseForUserLimit(decision, taken.retryAfterSeconds);
  }
  return decision;
}

/** The decision once the caller's own counter refused the call's per-user limit. */
export function refuseForUserLimit(decision: GuardDecision, retryAfterSeconds: number): GuardDecision {
  const limit = decision.userLimit;
  if (!limit) return decision;
  const reason: GuardReason = {
    type: "rate_limit_user",
    remediationId: limit.ruleId,
    message: `End user ${limit.endUserId} is limited to ${limit.requestsPerMinute} requests per minute (rule ${limit.ruleId})`,
  };
  return { ...decision, allowed: false, retryAfterSeconds, reasons: [reason, ...decision.reasons] };
}
