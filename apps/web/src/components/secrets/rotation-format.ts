import { ROTATION_PRESETS } from "@llmguard/domain/schemas";

/** "Every 90 days (API key)", "Every day (TLS certificate)", "No policy". */
export function describeRotation(days: number | null): string {
  if (!days) return "No policy";
  const preset = ROTATION_PRESETS.find((p) => p.days === days);
  const every = days === 1 ? "Every day" : `Every ${days} days`;
  return preset ? `${every} (${preset.label})` : every;
}

/** The rotation policy choices of the secret form: none, each preset, or a custom number of days. */
export const ROTATION_CHOICES: { value: string; label: string; days: number | null }[] = [
  { value: "none", label: "No rotation policy", days: null },
  ...ROTATION_PRESETS.map((p) => ({ value: String(p.days), label: `${p.label}: every ${p.days === 1 ? "day" : `${p.days} days`}`, days: p.days as number })),
  { value: "custom", label: "Custom…", days: null },
];

export function choiceFor(days: number | null): string {
  if (!days) return "none";
  return ROTATION_CHOICES.some((c) => c.value === String(days)) ? String(days) : "custom";
}
