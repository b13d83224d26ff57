import type { KeyTypeSpec, KeyTypeView } from "@llmguard/domain/schemas";

/** A key type in a few words: "number 0–2", "string, one of: a, b", "array of strings (≤ 10)". */
export function describeSpec(spec: KeyTypeSpec): string {
  switch (spec.type) {
    case "string": {
      const parts: string[] = [];
      if (spec.enum) parts.push(`one of: ${spec.enum.join(", ")}`);
      if (spec.minLength !== undefined && spec.maxLength !== undefined) parts.push(`${spec.minLength}–${spec.maxLength} characters`);
      else if (spec.minLength !== undefined) parts.push(`at least ${spec.minLength} characters`);
      else if (spec.maxLength !== undefined) parts.push(`up to ${spec.maxLength} characters`);
      if (spec.pattern) parts.push(`matching /${spec.pattern}/`);
      return parts.length ? `string, ${parts.join(", ")}` : "string";
    }
    case "number": {
      const base = spec.integer ? "integer" : "number";
      if (spec.min !== undefined && spec.max !== undefined) return `${base} ${spec.min}–${spec.max}`;
      if (spec.min !== undefined) return `${base} ≥ ${spec.min}`;
      if (spec.max !== undefined) return `${base} ≤ ${spec.max}`;
      return base;
    }
    case "array":
      return `array${spec.items ? ` of ${spec.items}s` : ""}${spec.maxItems !== undefined ? ` (at most ${spec.maxItems})` : ""}`;
    default:
      return spec.type;
  }
}

export function describeKeyType(t: KeyTypeView): string {
  return t.spec ? describeSpec(t.spec) : t.description;
}
