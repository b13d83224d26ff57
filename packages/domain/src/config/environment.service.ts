import type { App } from "../app";
import { appendAudit, projectChain } from "../audit/audit.service";
import { requireProjectAccess } from "../projects/permissions";
import { DomainError, notFound } from "../shared/errors";
import { BUILTIN_ENVIRONMENTS, type CreateEnvironmentInput, type EnvironmentRef, type EnvironmentView } from "./config.schema";
import { takeRevision } from "./config-store";
import { builtinEnvironment } from "./environment-lookup";

/** Built-in and custom environments with the newest version and key count of each. */
export async function listEnvironments(params: { app: App; userId: string; projectId: string }): Promise<EnvironmentView[]> {
  const { app, projectId } = params;
  await requireProjectAccess({ db: app.db, userId: params.userId, projectId, action: "config.read" });
  const [custom, latest] = await Promise.all([
    app.db.configEnvironment.findMany({ where: { projectId }, orderBy: { name: "asc" } }),
    app.db.$queryRaw<{ environment: string; version: number; keys: number; createdAt: Date }[]>`
      SELECT DISTINCT ON ("environment") "environment", "version", "createdAt",
             (SELECT count(*) FROM jsonb_object_keys("values"))::int AS "keys"
      FROM "ConfigVersion" WHERE "projectId" = ${projectId}::uuid ORDER BY "environment", "version" DESC`,
  ]);
  const byName = new Map(latest.map((l) => [l.environment, l]));
  const view = (e: { name: string; builtin: boolean; protected: boolean; description: string }): EnvironmentView => {
    const l = byName.get(e.name);
    return { ...e, version: l?.version ?? 0, keys: l?.keys ?? 0, updatedAt: l?.createdAt ?? null };
  };
  return [
    ...BUILTIN_ENVIRONMENTS.map((n) => view(builtinEnvironment(n)!)),
    ...custom.map((c) => view({ name: c.name, builtin: false, protected: c.protected, description: c.description })),
  ];
}

/** A custom environment (e.g. "eu-production"). Developers create unprotected ones; protected ones need admin. */
export async function createEnvironment(params: { app: App; userId: string; input: CreateEnvironmentInput; ip?: string | null }): Promise<EnvironmentView> {
  const { app, userId, input } = params;
  await requireProjectAccess({ db: app.db, userId, projectId: input.projectId, action: input.protected ? "config.writeProtected" : "config.write" });
  const exists = await app.db.configEnvironment.findUnique({ where: { projectId_name: { projectId: input.projectId, name: input.name } } });
  if (exists) throw new DomainError("CONFLICT", `Environment ${input.name} already exists`);
  const row = await app.db.$transaction(async (tx) => {
    const created = await tx.configEnvironment.create({ data: { projectId: input.projectId, name: input.name, protected: input.protected, description: input.description, createdById: userId } });
    await appendAudit(tx, projectChain(input.projectId), {
      action: "environment.created",
      actorId: userId,
      projectId: input.projectId,
      targetType: "environment",
      targetId: input.name,
      ip: params.ip,
      metadata: { name: input.name, protected: input.protected },
    });
    return created;
  });
  return { name: row.name, builtin: false, protected: row.protected, description: row.description, version: 0, keys: 0, updatedAt: null };
}

/** Deletes a custom environment and its versions (admins and owners); built-in ones always exist. */
export async function deleteEnvironment(params: { app: App; userId: string; ref: EnvironmentRef; ip?: string | null }): Promise<void> {
  const { app, userId, ref } = params;
  await requireProjectAccess({ db: app.db, userId, projectId: ref.projectId, action: "environment.delete" });
  if (builtinEnvironment(ref.environment)) throw new DomainError("FORBIDDEN", `${ref.environment} is a built-in environment and cannot be deleted`);
  await app.db.$transaction(async (tx) => {
    await takeRevision(tx, ref.projectId);
    const row = await tx.configEnvironment.findUnique({ where: { projectId_name: { projectId: ref.projectId, name: ref.environment } } });
    if (!row) throw notFound(`Environment ${ref.environment}`);
    const versions = await tx.configVersion.deleteMany({ where: { projectId: ref.projectId, environment: ref.environment } });
    await tx.configEnvironment.delete({ where: { projectId_name: { projectId: ref.projectId, name: ref.environment } } });
    await appendAudit(tx, projectChain(ref.projectId), {
      action: "environment.deleted",
      actorId: userId,
      projectId: ref.projectId,
      targetType: "environment",
      targetId: ref.environment,
      ip: params.ip,
      metadata: { name: ref.environment, versionsDeleted: versions.count },
    });
  });
  await app.invalidate({ kind: "config", projectId: ref.projectId });
}
