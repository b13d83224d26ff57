export { createPrisma, databasePool, queryRows, type Db, type DatabaseTarget, type DatabasePool } from "./client";
/** A connection checked out of databasePool (tests that watch the statements the domain sends). */
export type { PoolClient } from "pg";
export { Prisma } from "./generated/prisma/client";
export type { User, Session, RefreshToken, PasswordResetToken, OutboxEmail, Project, ProjectMember, ApiKey, ConfigVersion, ConfigEnvironment, ConfigKeyType, ProjectDataKey, Secret, AuditEntry, AuditChainHead } from "./generated/prisma/client";
export { ProjectRole } from "./generated/prisma/enums";
export { isUniqueViolation } from "./errors";
export { listenPg, type PgListener } from "./listener";
