import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "@llmguard/domain";
import { PERMISSIONS, PROJECT_ROLES, roleAllows, type ProjectAction, type ProjectRoleName } from "@llmguard/domain/schemas";
import { createTestApp } from "@llmguard/domain/testing";
import { signedInCaller } from "../testing/caller";

/**
 * The role matrix, exercised through tRPC: for every role and every action, the procedure succeeds
 * exactly when the table below allows it and answers FORBIDDEN otherwise.
 *
 * The table is written out by hand, not computed from PERMISSIONS or roleAllows (the code under test):
 * a wrong entry in permissions.schema.ts must fail here (STYLE.md §8).
 */
type Caller = Awaited<ReturnType<typeof signedInCaller>>;
let app: App & { close(): Promise<void> };
let owner: Caller;
let bystander: Caller;
const members: Partial<Record<ProjectRoleName, Caller>> = {};

beforeAll(async () => {
  app = await createTestApp({ RATE_LIMIT_USER_PER_MINUTE: "100000" });
  owner = await signedInCaller(app, "owner");
  members.owner = owner;
  for (const role of ["admin", "developer", "viewer"] as const) members[role] = await signedInCaller(app, role);
  bystander = await signedInCaller(app, "bystander");
});
afterAll(async () => app?.close());

/** A fresh project per case, so destructive actions do not affect each other. */
async function project() {
  const { project: p, apiKey } = await owner.trpc.project.create({ name: "matrix" });
  for (const role of ["admin", "developer", "viewer"] as const) await owner.trpc.member.add({ projectId: p.id, email: members[role]!.email, role });
  await owner.trpc.member.add({ projectId: p.id, email: bystander.email, role: "viewer" });
  await owner.trpc.config.createEnvironment({ projectId: p.id, name: "qa" });
  await owner.trpc.secret.set({ projectId: p.id, name: "API_TOKEN", value: "tok-123" });
  const incident = await owner.trpc.incident.create({ projectId: p.id, title: "matrix", severity: "low", description: "" });
  return { projectId: p.id, keyId: apiKey.id, bystanderId: bystander.userId, incidentId: incident.id };
}

const actions: Record<ProjectAction, (c: Caller, p: Awaited<ReturnType<typeof project>>) => Promise<unknown>> = {
  "project.read": (c, p) => c.trpc.project.byId({ projectId: p.projectId }),
  "project.update": (c, p) => c.trpc.project.rename({ projectId: p.projectId, name: "renamed" }),
  "project.delete": (c, p) => c.trpc.project.delete({ projectId: p.projectId }),
  "apiKey.read": (c, p) => c.trpc.apiKey.list({ projectId: p.projectId }),
  "apiKey.manage": (c, p) => c.trpc.apiKey.rotate({ projectId: p.projectId, keyId: p.keyId }),
  "member.read": (c, p) => c.trpc.member.list({ projectId: p.projectId }),
  "member.manage": (c, p) => c.trpc.member.changeRole({ projectId: p.projectId, userId: p.bystanderId, role: "developer" }),
  "settings.read": (c, p) => c.trpc.setting.get({ projectId: p.projectId }),
  "settings.update": (c, p) => c.trpc.setting.update({ projectId: p.projectId, safetyThreshold: 90 }),
  "audit.read": (c, p) => c.trpc.audit.verify({ projectId: p.projectId }),
  "config.read": (c, p) => c.trpc.config.getEffective({ projectId: p.projectId, environment: "production" }),
  "config.write": (c, p) => c.trpc.config.set({ projectId: p.projectId, environment: "staging", values: { "feature.beta": true } }),
  "config.writeProtected": (c, p) => c.trpc.config.set({ projectId: p.projectId, environment: "production", values: { "feature.beta": true } }),
  "environment.delete": (c, p) => c.trpc.config.deleteEnvironment({ projectId: p.projectId, environment: "qa" }),
  "configType.manage": (c, p) => c.trpc.config.setType({ projectId: p.projectId, key: "feature.beta", spec: { type: "boolean" } }),
  "secret.list": (c, p) => c.trpc.secret.list({ projectId: p.projectId }),
  "secret.write": (c, p) => c.trpc.secret.set({ projectId: p.projectId, name: "NEW_TOKEN", value: "new-value" }),
  "secret.reveal": (c, p) => c.trpc.secret.reveal({ projectId: p.projectId, name: "API_TOKEN" }),
  "incident.read": (c, p) => c.trpc.incident.list({ projectId: p.projectId, limit: 5 }),
  "incident.update": (c, p) => c.trpc.incident.create({ projectId: p.projectId, title: "manual", severity: "low", description: "" }),
  // E-mail is configured in every project (its owner and admins; the dev outbox in tests).
  "notification.manage": (c, p) => c.trpc.notification.test({ projectId: p.projectId, channel: "email" }),
  "integration.manage": (c, p) => c.trpc.integration.configureDatadog({ projectId: p.projectId }),
  "detection.run": (c, p) => c.trpc.incident.runDetection({ projectId: p.projectId }),
  "remediation.read": (c, p) => c.trpc.remediation.listByIncident({ incidentId: p.incidentId }),
  // Staging: the remediation permission alone (production also needs config.writeProtected, covered in remediation tests).
  "remediation.apply": (c, p) => c.trpc.remediation.create({ incidentId: p.incidentId, type: "disable_endpoint", parameters: { endpoint: "/matrix" }, environment: "staging" }),
};

const Y = true;
const N = false;
const ROLES = ["owner", "admin", "developer", "viewer"] as const;
const EXPECTED: Record<ProjectAction, readonly [owner: boolean, admin: boolean, developer: boolean, viewer: boolean]> = {
  //                          owner admin developer viewer
  "project.read":           [Y,    Y,    Y,        Y],
  "project.update":         [Y,    Y,    N,        N],
  "project.delete":         [Y,    N,    N,        N],
  "apiKey.read":            [Y,    Y,    Y,        N],
  "apiKey.manage":          [Y,    Y,    N,        N],
  "member.read":            [Y,    Y,    Y,        Y],
  "member.manage":          [Y,    Y,    N,        N],
  "settings.read":          [Y,    Y,    Y,        Y],
  "settings.update":        [Y,    Y,    N,        N],
  "audit.read":             [Y,    Y,    N,        N],
  "config.read":            [Y,    Y,    Y,        Y],
  "config.write":           [Y,    Y,    Y,        N],
  "config.writeProtected":  [Y,    Y,    N,        N],
  "environment.delete":     [Y,    Y,    N,        N],
  "configType.manage":      [Y,    Y,    N,        N],
  "secret.list":            [Y,    Y,    Y,        Y],
  "secret.write":           [Y,    Y,    N,        N],
  "secret.reveal":          [Y,    Y,    N,        N],
  "incident.read":          [Y,    Y,    Y,        Y],
  "incident.update":        [Y,    Y,    Y,        N],
  "notification.manage":    [Y,    Y,    N,        N],
  "integration.manage":     [Y,    Y,    N,        N],
  "detection.run":          [Y,    Y,    N,        N],
  "remediation.read":       [Y,    Y,    Y,        Y],
  "remediation.apply":      [Y,    Y,    Y,        N],
};

const cases = (Object.keys(EXPECTED) as ProjectAction[]).flatMap((action) =>
  ROLES.map((role, column) => [role, action, EXPECTED[action][column]!] as const),
);

describe("permission table", () => {
  it("lists exactly the roles and actions the table above covers", () => {
    expect([...PROJECT_ROLES].sort()).toEqual([...ROLES].sort());
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(cases)("roleAllows(%s, %s) is %s", (role, action, allowed) => {
    expect(roleAllows(role, action)).toBe(allowed);
  });
});

describe("role matrix", () => {
  it.each(cases)("%s may %s: %s", async (role, action, allowed) => {
    const p = await project();
    const attempt = actions[action](members[role]!, p);
    if (allowed) await expect(attempt.then((r) => r ?? "done")).resolves.toBeDefined();
    else await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN", cause: expect.objectContaining({ code: "FORBIDDEN" }) });
  });

  it("nobody can change or remove the owner, and members can leave", async () => {
    const p = await project();
    await expect(members.admin!.trpc.member.changeRole({ projectId: p.projectId, userId: owner.userId, role: "viewer" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(members.admin!.trpc.member.remove({ projectId: p.projectId, userId: owner.userId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await members.viewer!.trpc.member.remove({ projectId: p.projectId, userId: members.viewer!.userId });
    await expect(members.viewer!.trpc.project.byId({ projectId: p.projectId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("member changes are audited on the project's chain", async () => {
    const p = await project();
    const entries = await owner.trpc.audit.list({ projectId: p.projectId, limit: 50 });
    expect(entries.filter((e) => e.action === "member.added")).toHaveLength(4);
    expect(await owner.trpc.audit.verify({ projectId: p.projectId })).toMatchObject({ ok: true });
  });
});
