"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { KeyTypeSpecSchema, type KeyTypeSpec } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { ModalForm } from "~/components/ui/modal";
import { errorCode, errorMessage, fieldErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

type Kind = KeyTypeSpec["type"];
const KINDS: Kind[] = ["string", "number", "boolean", "object", "array"];

const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/** The spec the form describes; undefined fields are left out. */
function buildSpec(kind: Kind, f: Record<string, string>, integer: boolean): unknown {
  const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
  switch (kind) {
    case "string":
      return clean({ type: "string", minLength: num(f.minLength ?? ""), maxLength: num(f.maxLength ?? ""), pattern: f.pattern?.trim() || undefined, enum: list(f.enum ?? "") });
    case "number":
      return clean({ type: "number", min: num(f.min ?? ""), max: num(f.max ?? ""), integer: integer || undefined });
    case "array":
      return clean({ type: "array", items: f.items || undefined, maxItems: num(f.maxItems ?? "") });
    default:
      return { type: kind };
  }
}

/** Declares (or changes) the type of a config key; refused while stored values do not fit it. */
export function DeclareTypeDialog({ projectId, open, onClose }: { projectId: string; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [key, setKey] = useState("");
  const [kind, setKind] = useState<Kind>("number");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [integer, setInteger] = useState(false);
  const [description, setDescription] = useState("");
  const [clientError, setClientError] = useState<string | null>(null);
  const declare = useMutation(
    trpc.config.setType.mutationOptions({
      onSuccess: async () => {
        await Promise.all([queryClient.invalidateQueries(trpc.config.listTypes.queryFilter({ projectId })), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
        setKey("");
        setFields({});
        setDescription("");
        onClose();
      },
    }),
  );
  const server = fieldErrors(declare.error);
  const keyError = server.key ?? null;
  const formError = clientError ?? (declare.error && !keyError ? (errorCode(declare.error) === "VALIDATION_FAILED" ? Object.values(server).join("; ") || errorMessage(declare.error) : errorMessage(declare.error)) : null);
  const field = (name: string, label: string, props: { type?: string; placeholder?: string; hint?: string } = {}) => (
    <TextField label={label} name={`type-${name}`} value={fields[name] ?? ""} onChange={(e) => setFields((f) => ({ ...f, [name]: e.target.value }))} inputMode={props.type === "number" ? "decimal" : undefined} placeholder={props.placeholder} hint={props.hint} autoComplete="off" />
  );

  function close() {
    declare.reset();
    setClientError(null);
    onClose();
  }

  return (
    <ModalForm
      open={open}
      size="lg"
      title="Declare a key type"
      description="Every environment then refuses values of this key that do not fit. A type the stored values do not fit is refused."
      busy={declare.isPending}
      onClose={close}
      onSubmit={() => {
        const spec = KeyTypeSpecSchema.safeParse(buildSpec(kind, fields, integer));
        if (!spec.success) {
          setClientError(spec.error.issues.map((i) => `${i.path.join(".") || "type"}: ${i.message}`).join("; "));
          return;
        }
        setClientError(null);
        declare.mutate({ projectId, key: key.trim(), spec: spec.data, description: description.trim() });
      }}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={declare.isPending}>
            Cancel
          </Button>
          <Button type="submit" pending={declare.isPending}>
            Declare type
          </Button>
        </>
      }
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Key" name="typeKey" value={key} onChange={(e) => setKey(e.target.value)} placeholder="openai.temperature" autoComplete="off" spellCheck={false} error={keyError} autoFocus />
        <SelectField label="Type" name="typeKind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </SelectField>
      </div>
      {kind === "number" ? (
        <div className="grid gap-4 sm:grid-cols-3 sm:items-end">
          {field("min", "Minimum", { type: "number", placeholder: "0" })}
          {field("max", "Maximum", { type: "number", placeholder: "2" })}
          <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
            <input type="checkbox" className="size-4 rounded border-slate-300 text-indigo-600" checked={integer} onChange={(e) => setInteger(e.target.checked)} />
            Whole numbers only
          </label>
        </div>
      ) : kind === "string" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {field("minLength", "Minimum length", { type: "number" })}
          {field("maxLength", "Maximum length", { type: "number" })}
          {field("pattern", "Pattern", { placeholder: "gpt-.*", hint: "A JavaScript regular expression the whole value must match." })}
          {field("enum", "Allowed values", { placeholder: "gpt-4o, gpt-4o-mini", hint: "Comma-separated; empty allows any." })}
        </div>
      ) : kind === "array" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Items" name="type-items" value={fields.items ?? ""} onChange={(e) => setFields((f) => ({ ...f, items: e.target.value }))}>
            <option value="">any</option>
            {["string", "number", "boolean", "object"].map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </SelectField>
          {field("maxItems", "Maximum items", { type: "number" })}
        </div>
      ) : null}
      <TextField label="Type description" name="typeDescription" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="Optional" maxLength={200} />
      <FormError message={formError} />
    </ModalForm>
  );
}
