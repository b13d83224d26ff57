import { errorCode, errorMessage } from "~/trpc/errors";

/**
 * The problems of a failed config write, placed where they belong: VALIDATION_FAILED issues
 * (`values.<key>...`) and CONFIG_UNRESOLVABLE issues of this environment go next to their key; issues
 * of other environments (a base change breaks production) and anything else become form-level lines.
 */
export interface PlacedIssues {
  byKey: Record<string, string[]>;
  form: string[];
}

interface IssueData {
  details?: { issues?: { path?: string; environment?: string; key?: string; message: string }[] };
}

const issuesOf = (err: unknown) => ((err as { data?: IssueData } | null)?.data?.details?.issues ?? []);

/** The key a `values.<key>[.<nested path>]` issue is about; keys contain dots, so the longest match wins. */
function keyOfPath(path: string, keys: readonly string[]): string | undefined {
  if (!path.startsWith("values.")) return undefined;
  const rest = path.slice("values.".length);
  return [...keys].sort((a, b) => b.length - a.length).find((k) => rest === k || rest.startsWith(`${k}.`)) ?? rest;
}

export function placeIssues(err: unknown, environment: string, keys: readonly string[]): PlacedIssues {
  const out: PlacedIssues = { byKey: {}, form: [] };
  if (!err) return out;
  const add = (key: string, message: string) => (out.byKey[key] ??= []).push(message);
  const code = errorCode(err);
  if (code === "VALIDATION_FAILED") {
    for (const i of issuesOf(err)) {
      const key = i.path ? keyOfPath(i.path, keys) : undefined;
      if (key) add(key, i.message);
      else out.form.push(i.path ? `${i.path}: ${i.message}` : i.message);
    }
    if (out.form.length === 0 && Object.keys(out.byKey).length === 0) out.form.push(errorMessage(err));
    return out;
  }
  if (code === "CONFIG_UNRESOLVABLE") {
    for (const i of issuesOf(err)) {
      if (i.key && i.environment === environment) add(i.key, i.message);
      else out.form.push(`${i.environment ?? "?"} · ${i.key ?? "?"}: ${i.message}`);
    }
    if (out.form.length === 0 && Object.keys(out.byKey).length === 0) out.form.push(errorMessage(err));
    else if (out.form.length > 0) out.form.unshift("The change would leave another environment unresolvable:");
    return out;
  }
  out.form.push(errorMessage(err));
  return out;
}
