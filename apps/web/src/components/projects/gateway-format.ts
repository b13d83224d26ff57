import { SettingValueSchemas, settingOrDefault, type SetConfigInput } from "@llmguard/domain/schemas";
import { errorCode, errorMessage, fieldErrors } from "~/trpc/errors";

/**
 * The pure parts of the project page's Gateway section (issue 13): the gateway's base URL and the client
 * snippets, the typed base-config keys of the upstream, reading them (stored value, else the server's
 * default), and the form's validation against the keys' own schemas (the ones the server applies).
 */

/** The path of the OpenAI-compatible API under the app's origin (packages/api/src/rest/routes/gateway.routes.ts). */
export const GATEWAY_PATH = "/api/v1/gateway/openai/v1";

export function gatewayBaseUrl(origin: string): string {
  return `${origin.replace(/\/+$/, "")}${GATEWAY_PATH}`;
}

/** The form's fields and the typed base-config keys they edit. */
export const GATEWAY_KEYS = {
  baseUrl: "gateway.upstream.baseUrl",
  secret: "gateway.upstream.secret",
  timeoutMs: "gateway.timeoutMs",
  fallbackModels: "gateway.fallbackModels",
} as const satisfies Record<string, keyof typeof SettingValueSchemas>;

export type GatewayField = keyof typeof GATEWAY_KEYS;
export const GATEWAY_FIELDS = Object.keys(GATEWAY_KEYS) as GatewayField[];

export const GATEWAY_FIELD_LABELS: Record<GatewayField, string> = {
  baseUrl: "upstream base URL",
  secret: "provider key secret",
  timeoutMs: "timeout",
  fallbackModels: "fallback models",
};

export interface GatewaySettings {
  baseUrl: string;
  secret: string;
  timeoutMs: number;
  fallbackModels: string[];
}

/** The upstream as the gateway reads it from the base config: each stored value when valid, else its default. */
export function readGatewaySettings(entries: readonly { key: string; value: unknown }[]): GatewaySettings {
  const values = Object.fromEntries(entries.map((e) => [e.key, e.value]));
  return {
    baseUrl: settingOrDefault(values, GATEWAY_KEYS.baseUrl),
    secret: settingOrDefault(values, GATEWAY_KEYS.secret),
    timeoutMs: settingOrDefault(values, GATEWAY_KEYS.timeoutMs),
    fallbackModels: [...settingOrDefault(values, GATEWAY_KEYS.fallbackModels)],
  };
}

/** What the form holds: the timeout as typed, the fallback models one per line. */
export interface GatewayForm {
  baseUrl: string;
  secret: string;
  timeoutMs: string;
  fallbackModels: string;
}

export function gatewayForm(s: GatewaySettings): GatewayForm {
  return { baseUrl: s.baseUrl, secret: s.secret, timeoutMs: String(s.timeoutMs), fallbackModels: s.fallbackModels.join("\n") };
}

// The key's own schema names the key in its message; the form says it in the field's words.
const BASE_URL_ERROR = "Enter an http:// or https:// URL, e.g. https://api.openai.com/v1";
const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The form as the base-config values a save writes (only the keys that differ from what is stored), or
 * the field errors, each from the key's own schema.
 */
export function toGatewayValues(
  form: GatewayForm,
  stored: GatewaySettings,
): { ok: true; values: SetConfigInput["values"]; changed: GatewayField[] } | { ok: false; errors: Partial<Record<GatewayField, string>> } {
  const errors: Partial<Record<GatewayField, string>> = {};
  const timeoutText = form.timeoutMs.trim();
  const next: Record<GatewayField, unknown> = {
    baseUrl: form.baseUrl.trim(),
    secret: form.secret.trim(),
    timeoutMs: /^\d+$/.test(timeoutText) ? Number(timeoutText) : NaN,
    fallbackModels: lines(form.fallbackModels),
  };
  if (next.baseUrl === "") errors.baseUrl = "Enter the upstream's base URL, e.g. https://api.openai.com/v1";
  if (next.secret === "") errors.secret = "Enter the name of the secret that holds the provider key";
  if (Number.isNaN(next.timeoutMs)) errors.timeoutMs = "Enter a whole number of milliseconds from 100 to 600,000";
  for (const field of GATEWAY_FIELDS) {
    if (errors[field]) continue;
    const parsed = SettingValueSchemas[GATEWAY_KEYS[field]].safeParse(next[field]);
    if (!parsed.success) errors[field] = field === "baseUrl" ? BASE_URL_ERROR : (parsed.error.issues[0]?.message ?? "Not a valid value");
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const values: SetConfigInput["values"] = {};
  const changed: GatewayField[] = [];
  for (const field of GATEWAY_FIELDS) {
    if (same(next[field], stored[field])) continue;
    values[GATEWAY_KEYS[field]] = next[field] as SetConfigInput["values"][string];
    changed.push(field);
  }
  return { ok: true, values, changed };
}

/** The config version's message: "Gateway upstream: upstream base URL, timeout". */
export function gatewayChangeMessage(changed: readonly GatewayField[]): string {
  return `Gateway upstream: ${changed.map((f) => GATEWAY_FIELD_LABELS[f]).join(", ")}`;
}

/**
 * A failed save split for the form: the server's messages for a field's key (`values.<key>` or below it)
 * go next to the field; everything else is one message.
 */
export function gatewayServerErrors(err: unknown): { fields: Partial<Record<GatewayField, string>>; form: string | null } {
  if (!err) return { fields: {}, form: null };
  const all = errorCode(err) === "VALIDATION_FAILED" ? fieldErrors(err) : {};
  if (Object.keys(all).length === 0) return { fields: {}, form: errorMessage(err) };
  const fields: Partial<Record<GatewayField, string>> = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(all)) {
    const field = GATEWAY_FIELDS.find((f) => path === `values.${GATEWAY_KEYS[f]}` || path.startsWith(`values.${GATEWAY_KEYS[f]}.`));
    if (field && !fields[field]) fields[field] = message;
    else if (!field) rest.push(path ? `${path}: ${message}` : message);
  }
  return { fields, form: rest.length > 0 ? rest.join("; ") : null };
}

// ---- snippets

export type SnippetLanguage = "typescript" | "python" | "curl";
export const SNIPPET_LABELS: Record<SnippetLanguage, string> = { typescript: "TypeScript", python: "Python", curl: "curl" };
/** The placeholder for a project API key with the gateway scope. */
export const KEY_PLACEHOLDER = "lg_...";

/** A call through the gateway with the official OpenAI client (or curl): only the base URL and the key change. */
export function gatewaySnippet(language: SnippetLanguage, baseUrl: string, model = "gpt-4o-mini"): string {
  switch (language) {
    case "typescript":
      return [
        `import OpenAI from "openai";`,
        ``,
        `const openai = new OpenAI({`,
        `  baseURL: "${baseUrl}",`,
        `  apiKey: process.env.LLMGUARD_API_KEY, // ${KEY_PLACEHOLDER} with the gateway scope`,
        `});`,
        ``,
        `const completion = await openai.chat.completions.create({`,
        `  model: "${model}",`,
        `  messages: [{ role: "user", content: "Hello" }],`,
        `});`,
        `console.log(completion.choices[0]?.message.content);`,
      ].join("\n");
    case "python":
      return [
        `import os`,
        `from openai import OpenAI`,
        ``,
        `client = OpenAI(`,
        `    base_url="${baseUrl}",`,
        `    api_key=os.environ["LLMGUARD_API_KEY"],  # ${KEY_PLACEHOLDER} with the gateway scope`,
        `)`,
        ``,
        `completion = client.chat.completions.create(`,
        `    model="${model}",`,
        `    messages=[{"role": "user", "content": "Hello"}],`,
        `)`,
        `print(completion.choices[0].message.content)`,
      ].join("\n");
    case "curl":
      return [
        `curl ${baseUrl}/chat/completions \\`,
        `  -H "Authorization: Bearer ${KEY_PLACEHOLDER}" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -d '{"model": "${model}", "messages": [{"role": "user", "content": "Hello"}]}'`,
      ].join("\n");
  }
}
