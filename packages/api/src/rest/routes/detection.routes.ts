import { DetectionRunResultSchema, runDetection, RunDetectionInputSchema } from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** Incident detection (issue 9): run the hourly statistical check of a project now (admins and owners). */
export const detectionRoutes = [
  defineRoute({
    method: "POST", path: "/api/v1/projects/{projectId}/detection/run", tag: "Incidents", auth: "user",
    summary: "Run the hourly anomaly detection of the project now (admins): the last complete hour against the 7 days before",
    description: "Returns the incidents the run opened or counted one more occurrence on (empty when nothing was anomalous).",
    input: RunDetectionInputSchema, output: DetectionRunResultSchema, errors: ["NOT_FOUND", "FORBIDDEN"],
    handler: ({ app, user, input }) => runDetection({ app, userId: user.userId, projectId: input.projectId }),
  }),
];
