import type { RiskFactor } from "../risk";
import type { Enforcement } from "../remediation/enforcement.schema";
import type { RequestSource } from "./request.schema";

/** A scored record ready to be written: what the group committer inserts. */
export interface PreparedRow {
  projectId: string;
  id: string;
  timestamp: Date;
  apiKeyId: string | null;
  model: string;
  prompt: string;
  response: string;
  status: "success" | "error" | "timeout" | "blocked";
  errorMessage: string | null;
  latencyMs: number;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number;
  costUsd: number | null;
  riskScore: number;
  riskFactors: RiskFactor[];
  flagged: boolean;
  endUserId: string | null;
  endpoint: string | null;
  metadata: Record<string, unknown> | null;
  /** Issue 10: the model asked for, when a rule switched it; what the guard did to the call. */
  requestedModel: string | null;
  enforcement: Enforcement | null;
  /** Issue 13: who logged the call, `api` (REST ingest, the SDKs; the default) or `gateway`. */
  source?: RequestSource;
  /** Issue 11: the billing account the record counts for (set by the ingest path; absent = not counted). */
  accountId?: string | null;
}

/** What the caller gets back: the stored result (the first one, for a repeated id). */
export interface StoredResult {
  id: string;
  riskScore: number;
  riskFactors: RiskFactor[];
  flagged: boolean;
  costUsd: number | null;
  duplicate: boolean;
}
