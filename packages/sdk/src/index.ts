export { LLMGuard, type LLMGuardOptions } from "./client.js";
export { MAX_BATCH_SIZE } from "./limits.js";
export { ConfigClient, type ConfigClientOptions, type ConfigListener, type ConfigOptions } from "./config/config-client.js";
export { LLMGuardError, type LLMGuardErrorCode, type LLMGuardErrorOptions } from "./errors.js";
export { serializeMessages, type OpenAIChatLike, type WrapOpenAIOptions, type CreateParamsOf } from "./openai.js";
export type {
  ApiErrorBody,
  BatchRecordResult,
  BatchResponse,
  ConfigChange,
  ConfigSecret,
  DeliveredConfig,
  DeliveredSecret,
  FetchLike,
  FetchResponseLike,
  IngestRecord,
  IngestResult,
  LogRecord,
  RequestStatus,
  RiskFactor,
} from "./types.js";
export { SDK_VERSION } from "./version.js";
