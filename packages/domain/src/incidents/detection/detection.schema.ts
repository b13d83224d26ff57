import { z } from "zod";
import { ProjectRefSchema } from "../../projects/project.schema";
import { IncidentSchema } from "../incident.schema";

/** Issue 9: `POST /projects/{projectId}/detection/run` and `incident.runDetection` (client-safe). */
export const RunDetectionInputSchema = ProjectRefSchema;
export type RunDetectionInput = z.infer<typeof RunDetectionInputSchema>;

/** The incidents the run opened or counted one more occurrence on (empty when nothing was anomalous). */
export const DetectionRunResultSchema = z.object({ incidents: z.array(IncidentSchema) });
export type DetectionRunResult = z.infer<typeof DetectionRunResultSchema>;

/** The metrics the hourly statistical detection watches, per project and per model. */
export const ANOMALY_METRICS = ["volume", "errorRate", "p95LatencyMs", "costUsd", "flaggedRate"] as const;
export type AnomalyMetric = (typeof ANOMALY_METRICS)[number];
