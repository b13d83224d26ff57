import { z } from "zod";

export const MetricsQuerySchema = z
  .object({
    projectId: z.uuid({ error: "projectId must be a UUID" }),
    startDate: z.coerce.date().optional(),
    endDate: z.coerce.date().optional(),
    granularity: z.enum(["day", "hour"]).default("day"),
  })
  .refine((q) => !q.startDate || !q.endDate || q.startDate < q.endDate, { error: "startDate must be before endDate", path: ["startDate"] });
export type MetricsQuery = z.infer<typeof MetricsQuerySchema>;

const Percentiles = {
  p50Latency: z.number().nullable(),
  p95Latency: z.number().nullable(),
  p99Latency: z.number().nullable(),
};

/** The design's DailySummary (one per day, or per hour with granularity=hour), plus percentiles. */
export const SummaryPointSchema = z.object({
  date: z.string(),
  requests: z.number().int(),
  errors: z.number().int(),
  avgLatency: z.number(),
  tokens: z.number().int(),
  cost: z.number(),
  flagged: z.number().int(),
  /** Calls an enforcement point blocked (issue 10); not in errors. */
  blocked: z.number().int(),
  ...Percentiles,
});
export type SummaryPoint = z.infer<typeof SummaryPointSchema>;

export const ModelUsageSchema = z.object({
  model: z.string(),
  requests: z.number().int(),
  errors: z.number().int(),
  tokens: z.number().int(),
  cost: z.number(),
  avgLatency: z.number(),
  /** Requests whose model has no known price. */
  unpricedRequests: z.number().int(),
});

/** The design's ProjectMetrics, plus percentiles, model details and the time series. */
export const ProjectMetricsSchema = z.object({
  projectId: z.string(),
  startDate: z.date(),
  endDate: z.date(),
  granularity: z.enum(["day", "hour"]),
  totalRequests: z.number().int(),
  errorCount: z.number().int(),
  errorRate: z.number(),
  averageLatency: z.number(),
  ...Percentiles,
  totalTokens: z.number().int(),
  estimatedCost: z.number(),
  unpricedRequests: z.number().int(),
  flaggedRequests: z.number().int(),
  /** Calls the guard blocked before the provider (issue 10); counted in totalRequests, not in errorCount. */
  blockedRequests: z.number().int(),
  averageRiskScore: z.number(),
  modelBreakdown: z.record(z.string(), z.number().int()),
  models: z.array(ModelUsageSchema),
  dailySummary: z.array(SummaryPointSchema),
});
export type ProjectMetrics = z.infer<typeof ProjectMetricsSchema>;
