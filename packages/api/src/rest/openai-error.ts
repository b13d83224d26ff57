import type { App, ErrorBody } from "@llmguard/domain";
import { errorReply, type ErrorReply } from "./http";

/**
 * The gateway's error answer (issue 13): OpenAI's shape `{ error: { message, type, code, param } }`, so
 * the `openai` SDK, LangChain and curl users read it as they read OpenAI's, carrying LLMGuard's code from
 * the one table (ARCHITECTURE decision 10) and its `details` (for a policy refusal, the remediation that
 * caused it) and `timestamp`, so it is also the REST envelope. Status, Retry-After and logging are
 * errorReply's.
 */
export function openAiErrorReply(err: unknown, logger?: App["logger"]): ErrorReply {
  const reply = errorReply(err, logger, "gateway");
  const { error } = JSON.parse(reply.body) as ErrorBody;
  const issues = (error.details as { issues?: { path?: unknown }[] } | null)?.issues;
  const param = typeof issues?.[0]?.path === "string" && issues[0].path !== "" ? issues[0].path : null;
  const body = { error: { message: error.message, type: openAiErrorType(reply.status), code: error.code, param, details: error.details, timestamp: error.timestamp } };
  return { ...reply, body: JSON.stringify(body) };
}

/** OpenAI's error `type` for a status. */
export function openAiErrorType(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}
