/** A risk factor as the drawer shows it; stored JSON is read defensively (older rows have no spans). */
export interface FactorView {
  type: string;
  points: number;
  detail: string;
  spans: { field: "prompt" | "response"; start: number; end: number }[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function normalizeFactors(raw: unknown): FactorView[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).map((f) => ({
    type: typeof f.type === "string" ? f.type : "unknown",
    points: typeof f.points === "number" ? f.points : 0,
    detail: typeof f.detail === "string" ? f.detail : "",
    spans: Array.isArray(f.spans)
      ? f.spans
          .filter(isRecord)
          .filter((s) => (s.field === "prompt" || s.field === "response") && typeof s.start === "number" && typeof s.end === "number")
          .map((s) => ({ field: s.field as "prompt" | "response", start: s.start as number, end: s.end as number }))
      : [],
  }));
}

const NAMES: Record<string, string> = { pii: "Personal data (PII)", secret: "Secret or credential" };

/** "prompt_injection" → "Prompt injection". */
export function factorName(type: string): string {
  if (NAMES[type]) return NAMES[type];
  const words = type.replace(/[_-]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : type;
}
