export * from "./metrics.schema";
export { getProjectMetrics } from "./metrics.service";
export { LATENCY_BUCKET_BOUNDS_MS, percentileFromBuckets, bucketRange } from "./latency-buckets";
