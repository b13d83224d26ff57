/**
 * The REST answers the CLI reads, as they arrive over the wire (dates are ISO strings). The source of
 * truth is the Zod schemas in packages/domain (config.schema.ts, secret.schema.ts, audit.schema.ts); the
 * CLI only talks HTTP, so it declares the fields it uses instead of importing server code.
 */

export interface EffectiveEntry {
  key: string;
  value: unknown;
  source: "base" | "override";
  baseValue?: unknown;
  resolved: unknown;
  secretRefs: string[];
}

export interface ConfigIssue {
  environment: string;
  key: string;
  code: string;
  message: string;
}

export interface EffectiveConfig {
  projectId: string;
  environment: string;
  version: number;
  baseVersion: number;
  environmentVersion: number;
  entries: EffectiveEntry[];
  values: Record<string, unknown> | null;
  issues: ConfigIssue[];
  secretsResolved: boolean;
}

export interface ConfigVersionSummary {
  version: number;
  environment: string;
  message: string | null;
  author: { id: string; email: string; name: string } | null;
  createdAt: string;
  changedKeys: string[];
  restoredFrom: number | null;
}

export interface ConfigChange {
  key: string;
  before: unknown;
  after: unknown;
}

export interface ConfigWriteResult extends ConfigVersionSummary {
  changes: ConfigChange[];
  created: boolean;
}

export interface ConfigDiff {
  environment: string;
  from: number;
  to: number;
  changes: (ConfigChange & { kind: "added" | "removed" | "changed" })[];
}

export interface EnvironmentView {
  name: string;
  builtin: boolean;
  protected: boolean;
  description: string;
  version: number;
  keys: number;
  updatedAt: string | null;
}

export interface DeliveredConfig {
  version: number;
  environment: string;
  values: Record<string, unknown>;
  secrets?: Record<string, { value: string; version: number; previous?: string; previousExpiresAt?: string }>;
}

export interface SecretMetadata {
  name: string;
  description: string;
  version: number;
  rotationDays: number | null;
  lastRotatedAt: string;
  rotationDueAt: string | null;
  overdue: boolean;
  inGracePeriod: boolean;
  previousVersion: number | null;
  previousExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  references: { environment: string; key: string }[];
}

export interface RevealedSecret {
  name: string;
  version: number;
  value: string;
  previous: { version: number; value: string; expiresAt: string } | null;
}

export interface AuditEntry {
  id: string;
  chain: string;
  seq: number;
  action: string;
  actorId: string | null;
  projectId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  metadata: Record<string, unknown>;
  createdAt: string;
  hash: string;
}

export interface AuditVerification {
  chain: string;
  ok: boolean;
  entries: number;
  firstBroken: { seq: number; id: string; reason: string } | null;
}
