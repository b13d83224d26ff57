"use client";

import { useState } from "react";
import { ConfigKeySchema } from "@llmguard/domain/schemas";
import { SecretChip } from "~/components/secrets/secret-chip";
import { Button } from "~/components/ui/button";
import { TextareaField, TextField } from "~/components/ui/field";
import { Modal } from "~/components/ui/modal";
import { parseEditorText, toEditorText } from "./json-value";

export type KeyEditTarget = { kind: "add" } | { kind: "edit"; key: string; value: unknown; override: boolean };

const KIND_LABELS = { string: "a string", number: "a number", boolean: "a boolean", array: "a JSON array", object: "a JSON object" } as const;
const SECRET_REF = /(\\?)\{\{\s*secret:\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

function secretRefs(value: unknown): string[] {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? "";
  return [...new Set([...text.matchAll(SECRET_REF)].filter((m) => !m[1]).map((m) => m[2]!))];
}

/**
 * Adds or edits one key of an environment, as a pending change (saved with the others). The value is
 * JSON-aware: text that parses as JSON is stored typed, anything else as a string.
 */
export function KeyEditorDialog({
  target,
  environment,
  existingKeys,
  secretNames,
  typeOf,
  onApply,
  onClose,
}: {
  target: KeyEditTarget | null;
  environment: string;
  existingKeys: ReadonlySet<string>;
  secretNames: ReadonlySet<string> | null;
  typeOf: (key: string) => string | undefined;
  onApply: (key: string, value: unknown) => void;
  onClose: () => void;
}) {
  return (
    <Modal
      open={target !== null}
      size="lg"
      title={target?.kind === "edit" ? (target.override ? `Edit ${target.key}` : `Override ${target.key} in ${environment}`) : `Add a key to ${environment}`}
      description={
        target?.kind === "edit" && !target.override && environment !== "base"
          ? "The value comes from base; saving sets an override for this environment only."
          : "The change is staged: save it with the other pending changes and a message."
      }
      onClose={onClose}
    >
      {target ? <KeyEditorBody target={target} existingKeys={existingKeys} secretNames={secretNames} typeOf={typeOf} onApply={onApply} onClose={onClose} /> : null}
    </Modal>
  );
}

function KeyEditorBody({
  target,
  existingKeys,
  secretNames,
  typeOf,
  onApply,
  onClose,
}: {
  target: KeyEditTarget;
  existingKeys: ReadonlySet<string>;
  secretNames: ReadonlySet<string> | null;
  typeOf: (key: string) => string | undefined;
  onApply: (key: string, value: unknown) => void;
  onClose: () => void;
}) {
  const initial = target.kind === "edit" ? toEditorText(target.value) : { text: "", forceString: false };
  const [key, setKey] = useState(target.kind === "edit" ? target.key : "");
  const [text, setText] = useState(initial.text);
  const [forceString, setForceString] = useState(initial.forceString);
  const [keyError, setKeyError] = useState<string | null>(null);
  const parsed = parseEditorText(text, forceString);
  const refs = parsed.ok ? secretRefs(parsed.value) : [];
  const declaredType = typeOf(key.trim());

  function apply() {
    const k = key.trim();
    const keyCheck = ConfigKeySchema.safeParse(k);
    if (!keyCheck.success) {
      setKeyError(keyCheck.error.issues[0]?.message ?? "Not a valid key");
      return;
    }
    if (!parsed.ok) return;
    onApply(k, parsed.value);
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <TextField
        label="Key"
        name="configKey"
        value={key}
        disabled={target.kind === "edit"}
        onChange={(e) => {
          setKey(e.target.value);
          setKeyError(null);
        }}
        placeholder="llm.temperature"
        autoComplete="off"
        spellCheck={false}
        error={keyError}
        hint={
          target.kind === "add" && existingKeys.has(key.trim())
            ? "This key is already set: the new value replaces it."
            : declaredType
              ? `Typed: ${declaredType}`
              : "Letters, digits, '.', '-' and '_'; group keys with dots (llm.model)."
        }
        autoFocus={target.kind === "add"}
      />
      <TextareaField
        label="Value"
        name="configValue"
        rows={Math.min(16, Math.max(5, text.split("\n").length + 1))}
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
        autoFocus={target.kind === "edit"}
        error={parsed.ok ? null : parsed.message}
        hint={
          <>
            JSON such as <code>0.2</code>, <code>true</code>, <code>[&quot;a&quot;]</code> or <code>{"{…}"}</code> is stored typed; other text is stored as a string. Strings may use{" "}
            <code>{"{{ key }}"}</code>, <code>{"{{ key | default }}"}</code> and <code>{"{{ secret:NAME }}"}</code>; write <code>{"\\{{"}</code> for a literal <code>{"{{"}</code>.
          </>
        }
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" className="size-4 rounded border-slate-300 text-indigo-600" checked={forceString} onChange={(e) => setForceString(e.target.checked)} />
          Treat as text (always store a string)
        </label>
        <p role="status" className="text-xs text-muted">
          {parsed.ok ? (
            <>
              Will be stored as <strong className="font-semibold text-slate-700">{KIND_LABELS[parsed.kind]}</strong>
            </>
          ) : null}
        </p>
      </div>
      {refs.length > 0 ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-600">
          <p>
            References {refs.length === 1 ? "a secret" : "secrets"}:{" "}
            {refs.map((n) => (
              <SecretChip key={n} name={n} missing={secretNames ? !secretNames.has(n) : false} />
            ))}
          </p>
          {secretNames && refs.some((n) => !secretNames.has(n)) ? <p className="mt-1 text-red-700">A secret shown in red does not exist yet: create it on the Secrets page first, or the save is refused.</p> : null}
        </div>
      ) : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={!parsed.ok}>
          {target.kind === "edit" ? "Stage change" : "Add to changes"}
        </Button>
      </div>
    </form>
  );
}
