import {
  ApplyRemediationInputSchema,
  applyRemediation,
  IncidentRefSchema,
  listIncidentRemediations,
  listProjectRemediations,
  ListProjectRemediationsInputSchema,
  RemediationListSchema,
  RemediationPageSchema,
  RemediationSchema,
  rollbackRemediation,
  RollbackRemediationInputSchema,
} from "@llmguard/domain";
import { defineRoute } from "../define-route";

/**
 * Remediation (issue 10): bearer access token or dashboard session. Everyone reads; developers apply and
 * roll back, and base/production changes need admin, as config changes do.
 */
export const remediationRoutes = [
  defineRoute({
    method: "POST", path: "/api/v1/incidents/{incidentId}/remediations", tag: "Remediation", auth: "user", status: 201,
    summary: "Apply a remediation action to an incident: one new config version, enforced on the next call",
    description:
      "`type` picks the shape of `parameters`: switch_model {to, from?, endpoint?}, increase_safety_threshold {threshold} (stricter than the one in force), disable_endpoint {endpoint}, change_system_prompt {prompt, endpoint?}, rate_limit_user {endUserId, requestsPerMinute, durationMinutes?}, reset_settings {}. `durationMinutes` rolls the action back automatically when it ends. The incident becomes mitigated.",
    input: ApplyRemediationInputSchema, output: RemediationSchema, errors: ["NOT_FOUND", "FORBIDDEN", "CONFLICT", "CONFIG_UNRESOLVABLE"],
    handler: ({ app, user, input, meta }) => applyRemediation({ app, userId: user.userId, input, ip: meta.ip }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/incidents/{incidentId}/remediations", tag: "Remediation", auth: "user",
    summary: "An incident's remediations, newest first",
    input: IncidentRefSchema, output: RemediationListSchema, errors: ["NOT_FOUND", "FORBIDDEN"],
    handler: ({ app, user, input }) => listIncidentRemediations({ app, userId: user.userId, incidentId: input.incidentId }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/projects/{projectId}/remediations", tag: "Remediation", auth: "user",
    summary: "A project's remediations, newest first (?status=&limit=&cursor=)",
    input: ListProjectRemediationsInputSchema, output: RemediationPageSchema,
    handler: ({ app, user, input }) => listProjectRemediations({ app, userId: user.userId, input }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/remediations/{remediationId}/rollback", tag: "Remediation", auth: "user",
    summary: "Roll a remediation back: a new config version restoring exactly the keys it changed",
    description: "Answers 409 with `details.conflicts` (the keys) when someone changed them since; `force: true` restores them anyway.",
    input: RollbackRemediationInputSchema, output: RemediationSchema, errors: ["NOT_FOUND", "FORBIDDEN", "CONFLICT", "CONFIG_UNRESOLVABLE"],
    handler: ({ app, user, input, meta }) => rollbackRemediation({ app, userId: user.userId, input, ip: meta.ip }),
  }),
];
