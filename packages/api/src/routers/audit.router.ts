import { z } from "zod";
import { AuditVerificationSchema, listProjectAudit, ListProjectAuditInputSchema, ProjectAuditEntrySchema, ProjectRefSchema, verifyProjectAudit } from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

export const auditRouter = router({
  list: authedProcedure
    .input(ListProjectAuditInputSchema)
    .output(z.array(ProjectAuditEntrySchema))
    .query(({ ctx, input }) => listProjectAudit({ app: ctx.app, userId: ctx.user.userId, ...input })),
  verify: authedProcedure
    .input(ProjectRefSchema)
    .output(AuditVerificationSchema)
    .query(({ ctx, input }) => verifyProjectAudit({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId })),
});
