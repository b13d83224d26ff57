/** How audit entries read in a table: metadata as "key: value" pairs, targets as "type id". */

export const ACTION_FAMILIES: { value: string; label: string }[] = [
  { value: "", label: "All actions" },
  { value: "config.", label: "Config (config.)" },
  { value: "secret.", label: "Secrets (secret.)" },
  { value: "environment.", label: "Environments (environment.)" },
  { value: "config_type.", label: "Key types (config_type.)" },
  { value: "api_key.", label: "API keys (api_key.)" },
  { value: "member.", label: "Members (member.)" },
  { value: "settings.", label: "Settings (settings.)" },
  { value: "project.", label: "Project (project.)" },
  { value: "auth.", label: "Sign-in (auth.)" },
];

function show(v: unknown): string {
  if (Array.isArray(v)) return v.map(show).join(", ");
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return String(v);
}

export function describeMetadata(metadata: Record<string, unknown>): string {
  return Object.entries(metadata)
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join(" · ");
}

const TARGET_LABELS: Record<string, string> = {
  config_version: "config version",
  config_key: "key type",
  api_key: "API key",
};

export function describeTarget(targetType: string | null, targetId: string | null, metadata: Record<string, unknown> = {}): string {
  if (!targetType) return "—";
  // A config version is one environment's: "production v7" says more than "config version v7".
  if (targetType === "config_version" && typeof metadata.environment === "string" && targetId) return `${metadata.environment} v${targetId}`;
  const label = TARGET_LABELS[targetType] ?? targetType.replace(/_/g, " ");
  if (!targetId) return label;
  return `${label} ${targetType === "config_version" ? `v${targetId}` : targetId.length > 24 ? `${targetId.slice(0, 8)}…` : targetId}`;
}
