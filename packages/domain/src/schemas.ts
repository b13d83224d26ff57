// Client-safe barrel: Zod schemas and constants only (no Prisma, no Node APIs).
export * from "./auth/auth.schema";
export * from "./users/user.schema";
export * from "./projects/project.schema";
export { PERMISSIONS, PROJECT_ROLES, roleAllows, type ProjectAction, type ProjectRoleName } from "./projects/permissions.schema";
export * from "./api-keys/api-key.schema";
export * from "./settings/settings.schema";
export * from "./audit/audit.schema";
export { ERROR_CODES, type ErrorCode, type ErrorBody } from "./shared/errors";
export * from "./requests/request.schema";
export * from "./metrics/metrics.schema";
export * from "./risk/risk.schema";
export { LATENCY_BUCKET_BOUNDS_MS } from "./metrics/latency-buckets";
export * from "./config/config.schema";
export * from "./config/key-type.schema";
export * from "./config/starter-templates";
export * from "./secrets/secret.schema";
export * from "./incidents/incident.schema";
export * from "./notifications/notification.schema";
