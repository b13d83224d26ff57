/**
 * The REST answers the CLI reads, taken from the Zod schemas the server validates and documents them with
 * (packages/domain/src/<feature>/*.schema.ts, through the client-safe `@llmguard/domain/schemas` barrel), so
 * the CLI and the server cannot drift apart (STYLE.md §9). Types only: every import here is
 * `import type`, erased from the build, so the published CLI has no runtime dependency on the domain
 * package or on zod (scripts/check-dist.mjs fails the build otherwise).
 */
import type {
  AuditVerification as AuditVerificationOutput,
  ConfigDiff as ConfigDiffOutput,
  ConfigVersionSummary as ConfigVersionSummaryOutput,
  ConfigWriteResult as ConfigWriteResultOutput,
  DeliveredConfig as DeliveredConfigOutput,
  EffectiveConfig as EffectiveConfigOutput,
  EnvironmentView as EnvironmentViewOutput,
  Profile as ProfileOutput,
  ProjectAuditEntryView,
  ProjectSummary as ProjectSummaryOutput,
  RevealedSecret as RevealedSecretOutput,
  SecretMetadata as SecretMetadataOutput,
  TokenPair as TokenPairOutput,
  WhoAmISchema,
} from "@llmguard/domain/schemas";

/**
 * A schema's output as it arrives over the wire: JSON, so every `Date` is an ISO string
 * (`JSON.stringify` calls `toISOString`); everything else is as the schema says.
 */
export type Wire<T> = T extends Date ? string : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

// ---- auth and projects

/** POST /api/v1/auth/login and /auth/refresh. */
export type TokenPair = Wire<TokenPairOutput>;
/** GET /api/v1/me. */
export type Profile = Wire<ProfileOutput>;
/** GET /api/v1/whoami (with an API key). */
export type WhoAmI = Wire<ReturnType<(typeof WhoAmISchema)["parse"]>>;
/** One entry of GET /api/v1/projects. */
export type ProjectSummary = Wire<ProjectSummaryOutput>;

// ---- config

/** GET /api/v1/projects/{projectId}/config/{environment}. */
export type EffectiveConfig = Wire<EffectiveConfigOutput>;
export type EffectiveEntry = EffectiveConfig["entries"][number];
/** One entry of GET .../config/{environment}/versions. */
export type ConfigVersionSummary = Wire<ConfigVersionSummaryOutput>;
/** PUT .../config/{environment} and POST .../restore. */
export type ConfigWriteResult = Wire<ConfigWriteResultOutput>;
/** GET .../config/{environment}/diff. */
export type ConfigDiff = Wire<ConfigDiffOutput>;
/** One entry of GET .../environments. */
export type EnvironmentView = Wire<EnvironmentViewOutput>;
/** GET /api/v1/config (with an API key). */
export type DeliveredConfig = Wire<DeliveredConfigOutput>;

// ---- secrets

/** PUT, POST .../rotate and each entry of GET .../secrets. */
export type SecretMetadata = Wire<SecretMetadataOutput>;
/** POST .../secrets/{name}/reveal. */
export type RevealedSecret = Wire<RevealedSecretOutput>;

// ---- audit

/** One entry of GET .../audit (with the actor). */
export type AuditEntry = Wire<ProjectAuditEntryView>;
/** GET .../audit/verify. */
export type AuditVerification = Wire<AuditVerificationOutput>;
