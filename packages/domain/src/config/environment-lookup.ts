import type { Prisma } from "@llmguard/db";
import type { App } from "../app";
import { requireProjectAccess, type ProjectAccess } from "../projects/permissions";
import { notFound } from "../shared/errors";
import { BUILTIN_ENVIRONMENTS, PROTECTED_BUILTIN_ENVIRONMENTS } from "./config.schema";

type Tx = Prisma.TransactionClient | App["db"];

// Resolving an environment name for the config services: built-in or the project's custom one (404
// otherwise), and who may write to it. The CRUD services for environments are in environment.service.ts.

export interface EnvironmentInfo {
  name: string;
  builtin: boolean;
  protected: boolean;
  description: string;
}

const BUILTIN_DESCRIPTIONS: Record<(typeof BUILTIN_ENVIRONMENTS)[number], string> = {
  base: "Shared by every environment; each one overrides it key by key",
  development: "Local and development deployments",
  staging: "Pre-production",
  production: "Live traffic",
};

export function builtinEnvironment(name: string): EnvironmentInfo | null {
  if (!(BUILTIN_ENVIRONMENTS as readonly string[]).includes(name)) return null;
  return {
    name,
    builtin: true,
    protected: (PROTECTED_BUILTIN_ENVIRONMENTS as readonly string[]).includes(name),
    description: BUILTIN_DESCRIPTIONS[name as (typeof BUILTIN_ENVIRONMENTS)[number]],
  };
}

/** A built-in environment, or a custom one of the project; 404 otherwise. */
export async function findEnvironment(db: Tx, projectId: string, name: string): Promise<EnvironmentInfo> {
  const builtin = builtinEnvironment(name);
  if (builtin) return builtin;
  const row = await db.configEnvironment.findUnique({ where: { projectId_name: { projectId, name } } });
  if (!row) throw notFound(`Environment ${name}`);
  return { name: row.name, builtin: false, protected: row.protected, description: row.description };
}

/**
 * Authorizes a change to an environment: developers change unprotected ones (development, staging,
 * custom), admins and owners also protected ones (base, production, protected custom). Membership is
 * checked first, so another tenant's project answers 404 before anything is revealed.
 */
export async function requireConfigWrite(app: App, userId: string, projectId: string, environment: string): Promise<{ access: ProjectAccess; env: EnvironmentInfo }> {
  await requireProjectAccess({ db: app.db, userId, projectId, action: "config.read" });
  const env = await findEnvironment(app.db, projectId, environment);
  const access = await requireProjectAccess({ db: app.db, userId, projectId, action: env.protected ? "config.writeProtected" : "config.write" });
  return { access, env };
}
