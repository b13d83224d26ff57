/**
 * Guard rules: what remediation actions leave in a project's configuration. Each active action is one
 * config key `guard.rules.<id>` (the remediation's id), so an action changes exactly one key, several
 * actions never overwrite each other, and a rollback deletes exactly what its action wrote. People may
 * write rules by hand too (any id); the shape is the same.
 *
 * This module is read by every enforcement point (SDK, `/guard/check`, ingest, gateway) from a config
 * snapshot, so it validates by hand (no zod: the SDK ships it without dependencies). A value that does
 * not parse is ignored and reported in `GuardPolicy.issues`, never thrown: a typo in one rule must not
 * stop traffic.
 */

export const GUARD_RULE_KEY_PREFIX = "guard.rules.";

/** The six remediation actions; the first five leave a rule, `reset_settings` only rewrites settings. */
export const REMEDIATION_TYPES = ["switch_model", "increase_safety_threshold", "disable_endpoint", "change_system_prompt", "rate_limit_user", "reset_settings"] as const;
export type RemediationType = (typeof REMEDIATION_TYPES)[number];
export type RuleType = Exclude<RemediationType, "reset_settings">;
export const RULE_TYPES: readonly RuleType[] = ["switch_model", "increase_safety_threshold", "disable_endpoint", "change_system_prompt", "rate_limit_user"];

/** Limits shared with the API's Zod schemas (domain) so a rule the API accepts always parses here. */
export const RULE_LIMITS = {
  model: 200,
  endpoint: 200,
  endUserId: 200,
  systemPrompt: 20_000,
  requestsPerMinute: 1_000_000,
} as const;

export interface SwitchModelParameters {
  to: string;
  from?: string;
  endpoint?: string;
}
export interface ThresholdParameters {
  threshold: number;
}
export interface DisableEndpointParameters {
  endpoint: string;
}
export interface SystemPromptParameters {
  prompt: string;
  endpoint?: string;
}
export interface RateLimitUserParameters {
  endUserId: string;
  requestsPerMinute: number;
}

interface RuleBase {
  /** The part of the key after `guard.rules.`; for a remediation, its id. */
  id: string;
  /** ISO time the rule was written; breaks ties between equally specific rules (newest wins). */
  appliedAt: string | null;
  /** ISO time after which the rule no longer applies (the server also rolls it back then). */
  expiresAt: string | null;
  incidentId: string | null;
}

export type GuardRule = RuleBase &
  (
    | { type: "switch_model"; parameters: SwitchModelParameters }
    | { type: "increase_safety_threshold"; parameters: ThresholdParameters }
    | { type: "disable_endpoint"; parameters: DisableEndpointParameters }
    | { type: "change_system_prompt"; parameters: SystemPromptParameters }
    | { type: "rate_limit_user"; parameters: RateLimitUserParameters }
  );

/** What a rule key holds in the config (JSON). */
export interface GuardRuleValue {
  type: RuleType;
  parameters: Record<string, unknown>;
  appliedAt?: string;
  expiresAt?: string | null;
  incidentId?: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function text(p: Record<string, unknown>, name: string, max: number, required: boolean): string | undefined {
  const v = p[name];
  if (v === undefined || v === null) {
    if (required) throw new Error(`${name} is required`);
    return undefined;
  }
  if (typeof v !== "string") throw new Error(`${name} must be a string`);
  if (required && v.trim() === "") throw new Error(`${name} must not be empty`);
  if (v.length > max) throw new Error(`${name} is longer than ${max} characters`);
  return v;
}

function integer(p: Record<string, unknown>, name: string, min: number, max: number): number {
  const v = p[name];
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) throw new Error(`${name} must be an integer from ${min} to ${max}`);
  return v;
}

function time(v: unknown, name: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string" || Number.isNaN(Date.parse(v))) throw new Error(`${name} must be an ISO date-time`);
  return v;
}

/** Checks a rule's parameters; throws an Error naming the first problem. */
export function parseRuleParameters(type: RuleType, p: Record<string, unknown>): GuardRule["parameters"] {
  const drop = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  switch (type) {
    case "switch_model":
      return drop({ to: text(p, "to", RULE_LIMITS.model, true)!, from: text(p, "from", RULE_LIMITS.model, false), endpoint: text(p, "endpoint", RULE_LIMITS.endpoint, false) });
    case "increase_safety_threshold":
      return { threshold: integer(p, "threshold", 0, 100) };
    case "disable_endpoint":
      return { endpoint: text(p, "endpoint", RULE_LIMITS.endpoint, true)! };
    case "change_system_prompt":
      return drop({ prompt: text(p, "prompt", RULE_LIMITS.systemPrompt, false) ?? "", endpoint: text(p, "endpoint", RULE_LIMITS.endpoint, false) });
    case "rate_limit_user":
      return { endUserId: text(p, "endUserId", RULE_LIMITS.endUserId, true)!, requestsPerMinute: integer(p, "requestsPerMinute", 1, RULE_LIMITS.requestsPerMinute) };
  }
}

/** Reads one `guard.rules.<id>` value; throws an Error saying what is wrong with it. */
export function parseRule(id: string, value: unknown): GuardRule {
  if (!isRecord(value)) throw new Error("a rule is an object with type and parameters");
  const type = value.type;
  if (typeof type !== "string" || !(RULE_TYPES as readonly string[]).includes(type)) throw new Error(`unknown rule type ${JSON.stringify(type)}; one of ${RULE_TYPES.join(", ")}`);
  const parameters = value.parameters ?? {};
  if (!isRecord(parameters)) throw new Error("parameters must be an object");
  const incidentId = value.incidentId;
  return {
    id,
    type,
    parameters: parseRuleParameters(type as RuleType, parameters),
    appliedAt: time(value.appliedAt, "appliedAt"),
    expiresAt: time(value.expiresAt, "expiresAt"),
    incidentId: typeof incidentId === "string" ? incidentId : null,
  } as GuardRule;
}

/** The config key of a rule. */
export const ruleKey = (id: string) => `${GUARD_RULE_KEY_PREFIX}${id}`;
