import {
  AuditEntrySchema,
  AuditFilterSchema,
  AuditVerificationSchema,
  exportProjectAudit,
  listProjectAudit,
  ListProjectAuditInputSchema,
  ProjectAuditListSchema,
  ProjectRefSchema,
  verifyProjectAudit,
} from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** A project's audit trail: list, JSON Lines export, chain verification (bearer access token; admin). */
export const auditRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/audit", tag: "Audit", summary: "The project's audit trail, newest first (admin)", auth: "user",
    input: ListProjectAuditInputSchema, output: ProjectAuditListSchema,
    handler: async ({ app, user, input }) => ({ entries: await listProjectAudit({ app, userId: user.userId, ...input }) }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/audit/export", tag: "Audit", auth: "user", raw: true, produces: "application/x-ndjson",
    summary: "The audit trail as JSON Lines, oldest first, with hashes for offline verification (same filters; admin)",
    input: AuditFilterSchema, output: AuditEntrySchema,
    handler: async ({ app, user, input }) => {
      const lines = await exportProjectAudit({ app, userId: user.userId, filter: input });
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await lines.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
      });
      const name = `audit-${input.projectId}-${new Date().toISOString().slice(0, 10)}.jsonl`;
      return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" } });
    },
  }),
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/audit/verify", tag: "Audit", summary: "Recompute the audit chain; names the first altered entry (admin)", auth: "user",
    input: ProjectRefSchema, output: AuditVerificationSchema,
    handler: ({ app, user, input }) => verifyProjectAudit({ app, userId: user.userId, projectId: input.projectId }),
  }),
];
