export { LLMGuard, type LLMGuardOptions } from "./client.js";
export { MAX_BATCH_SIZE } from "./limits.js";
export { ConfigClient, type ConfigClientOptions, type ConfigListener, type ConfigOptions } from "./config/config-client.js";
export { LLMGuardBlockedError, LLMGuardError, type LLMGuardErrorCode, type LLMGuardErrorOptions } from "./errors.js";
export { type OpenAIChatLike, type WrapOpenAIOptions, type CreateParamsOf } from "./openai.js";
export type { ChatMessage, GuardCheckInput, GuardCheckResult } from "./enforcement.js";
// One source for the prompt form LLMGuard stores and scores: the guard's (packages/guard, shipped in dist/guard).
export { serializeMessages } from "./guard/policy/messages.js";
export type {
  ApiErrorBody,
  BatchRecordResult,
  BatchResponse,
  ConfigChange,
  ConfigSecret,
  DeliveredConfig,
  DeliveredSecret,
  Enforcement,
  FetchLike,
  FetchResponseLike,
  GuardReason,
  GuardRuleType,
  IngestRecord,
  IngestResult,
  LogRecord,
  RequestStatus,
  RiskFactor,
} from "./types.js";
export { SDK_VERSION } from "./version.js";
