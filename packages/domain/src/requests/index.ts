export * from "./request.schema";
export { ingestRequest, ingestBatch, prepareRow } from "./ingest.service";
export { searchRequests, getRequest } from "./search.service";
export { getGuardSettings, type GuardSettings } from "./guard-settings";
export type { PreparedRow, StoredResult } from "./request-row";
export { SearchVectorBuilder, type SearchVectorStats } from "./search-vector";
