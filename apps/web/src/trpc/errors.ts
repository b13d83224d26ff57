import { TRPCClientError } from "@trpc/client";

/** What the server's errorFormatter adds to every tRPC error (packages/api/src/trpc.ts). */
interface LlmGuardErrorData {
  code?: string;
  httpStatus?: number;
  details?: { issues?: { path: string; message: string }[] } & Record<string, unknown>;
}

export function isClientError(err: unknown): err is TRPCClientError<never> {
  return err instanceof TRPCClientError;
}

function dataOf(err: unknown): LlmGuardErrorData | undefined {
  if (!err || typeof err !== "object") return undefined;
  const data = (err as { data?: unknown }).data;
  return data && typeof data === "object" ? (data as LlmGuardErrorData) : undefined;
}

/** Our error code (VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, EMAIL_TAKEN, ...), if the server sent one. */
export function errorCode(err: unknown): string | undefined {
  return dataOf(err)?.code;
}

/** Field messages of a VALIDATION_FAILED error, keyed by the dotted path (first message per field). */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of dataOf(err)?.details?.issues ?? []) {
    const key = issue.path ?? "";
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** Field messages of a failed client-side `safeParse`, in the same shape as the server's. */
export function zodFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".");
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** A message fit to show a user: the server's own for 4xx, a generic one otherwise. */
export function errorMessage(err: unknown, fallback = "Something went wrong. Please try again."): string {
  if (!err) return fallback;
  const data = dataOf(err);
  if (data?.code === "INTERNAL" || (data?.httpStatus ?? 0) >= 500) return fallback;
  if (err instanceof TRPCClientError && !data) return "Could not reach the server. Check your connection and try again.";
  if (data?.code === "VALIDATION_FAILED") {
    const issues = data.details?.issues ?? [];
    const root = issues.find((i) => !i.path);
    if (root) return root.message;
    if (issues.length > 0) return issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    return "Some of the values are not valid.";
  }
  return err instanceof Error && err.message ? err.message : fallback;
}

/**
 * Splits an error for a form: messages for the fields the form shows go next to them; everything else
 * (other paths, non-validation errors) becomes one form-level message.
 */
export function formErrors(err: unknown, fields: readonly string[]): { fields: Record<string, string>; form: string | null } {
  if (!err) return { fields: {}, form: null };
  if (errorCode(err) !== "VALIDATION_FAILED") return { fields: {}, form: errorMessage(err) };
  const all = fieldErrors(err);
  const shown: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(all)) {
    if (fields.includes(path)) shown[path] = message;
    else rest.push(path ? `${path}: ${message}` : message);
  }
  if (Object.keys(all).length === 0) return { fields: {}, form: errorMessage(err) };
  return { fields: shown, form: rest.length > 0 ? rest.join("; ") : "Please correct the highlighted fields." };
}
