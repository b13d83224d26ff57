import { formatDate, formatDateTime, formatRelative } from "./format";

/** A date as a <time> element: relative or absolute text, the exact moment in the tooltip. */
export function Time({ value, mode = "date", never = "Never" }: { value: Date | string | null | undefined; mode?: "date" | "datetime" | "relative"; never?: string }) {
  if (!value) return <span className="text-muted">{never}</span>;
  const d = new Date(value);
  const text = mode === "relative" ? formatRelative(d, never) : mode === "datetime" ? formatDateTime(d) : formatDate(d);
  return (
    <time dateTime={d.toISOString()} title={formatDateTime(d)}>
      {text}
    </time>
  );
}
