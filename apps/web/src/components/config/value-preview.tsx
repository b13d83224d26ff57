"use client";

import { useState, type ReactNode } from "react";
import { SecretChip } from "~/components/secrets/secret-chip";
import { cn } from "~/components/ui/cn";
import { formatValue, kindOf, parseEditorText } from "./json-value";

const MAX_CHARS = 240;
const MAX_LINES = 6;

const SECRET_REF = /(\\?)\{\{\s*secret:\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** Text with each `{{ secret:NAME }}` (not escaped as `\{{`) drawn as a chip. */
function withSecretChips(text: string, projectId?: string, missing?: ReadonlySet<string>): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(SECRET_REF)) {
    if (m[1]) continue;
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    out.push(<SecretChip key={at} name={m[2]!} projectId={projectId} missing={missing?.has(m[2]!)} />);
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function truncate(text: string): string | null {
  const lines = text.split("\n");
  if (text.length <= MAX_CHARS && lines.length <= MAX_LINES) return null;
  const head = lines.slice(0, MAX_LINES).join("\n");
  return `${head.length > MAX_CHARS ? head.slice(0, MAX_CHARS) : head}…`;
}

/**
 * A config value as the table shows it: strings as written (a string that would read as JSON, such as
 * "42", in quotes), other values pretty-printed JSON with their type; long values cut with a toggle.
 */
export function ValuePreview({
  value,
  projectId,
  missingSecrets,
  className,
  muted = false,
}: {
  value: unknown;
  projectId?: string;
  missingSecrets?: ReadonlySet<string>;
  className?: string;
  /** A secondary value (the base value, the one being replaced): the muted text token, never opacity, which would break contrast (issue 17). */
  muted?: boolean;
}) {
  const [expanded, setExpanded] = useState(false);
  const kind = kindOf(value);
  const looksTyped = typeof value === "string" && (() => {
    const p = parseEditorText(value, false);
    return p.ok && p.kind !== "string";
  })();
  const text = looksTyped ? JSON.stringify(value) : formatValue(value);
  const short = truncate(text);
  const shown = expanded || !short ? text : short;
  return (
    <div className={cn("min-w-0", className)}>
      <div className="flex items-start gap-2">
        {kind !== "string" ? <span className="mt-0.5 shrink-0 rounded bg-chip text-chip-fg px-1 py-px font-mono text-[10px] uppercase">{kind}</span> : null}
        <pre className={cn("min-w-0 font-mono text-xs break-all whitespace-pre-wrap", muted ? "text-muted" : "text-slate-800")}>
          {text === "" ? <span className="text-muted italic">(empty string)</span> : withSecretChips(shown, projectId, missingSecrets)}
        </pre>
      </div>
      {short ? (
        <button type="button" onClick={() => setExpanded((e) => !e)} aria-expanded={expanded} className="mt-1 text-xs font-medium text-indigo-600 hover:text-indigo-700">
          {expanded ? "Show less" : `Show all (${text.length.toLocaleString("en")} characters)`}
        </button>
      ) : null}
    </div>
  );
}
