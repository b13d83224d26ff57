"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { EnvironmentNameSchema, type EnvironmentView, type ProjectRoleName } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { ModalForm } from "~/components/ui/modal";
import { formErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";
import { canCreateEnvironment } from "./config-permissions";

/** A custom environment (eu-production, qa); protected ones only for admins. */
export function CreateEnvironmentDialog({
  projectId,
  role,
  open,
  onClose,
  onCreated,
}: {
  projectId: string;
  role: ProjectRoleName;
  open: boolean;
  onClose: () => void;
  onCreated: (env: EnvironmentView) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [isProtected, setProtected] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const protectRule = canCreateEnvironment(role, true);
  const create = useMutation(
    trpc.config.createEnvironment.mutationOptions({
      onSuccess: async (env) => {
        await Promise.all([queryClient.invalidateQueries(trpc.config.listEnvironments.queryFilter({ projectId })), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);
        setName("");
        setDescription("");
        setProtected(false);
        onCreated(env);
      },
    }),
  );
  const errors = formErrors(create.error, ["name", "description"]);

  function close() {
    create.reset();
    setNameError(null);
    onClose();
  }

  return (
    <ModalForm
      open={open}
      title="New environment"
      description="It starts empty and inherits every key of base until you override one."
      busy={create.isPending}
      onClose={close}
      onSubmit={() => {
        const parsed = EnvironmentNameSchema.safeParse(name);
        if (!parsed.success) {
          setNameError(parsed.error.issues[0]?.message ?? "Not a valid name");
          return;
        }
        setNameError(null);
        create.mutate({ projectId, name: parsed.data, description: description.trim(), protected: isProtected });
      }}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" pending={create.isPending}>
            Create environment
          </Button>
        </>
      }
    >
      <TextField label="Environment name" name="environmentName" value={name} onChange={(e) => setName(e.target.value)} placeholder="eu-production" autoComplete="off" error={nameError ?? errors.fields.name} hint="Lowercase letters, digits, '-' and '_', up to 32 characters." autoFocus />
      <TextField label="Description" name="environmentDescription" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="Optional" maxLength={200} error={errors.fields.description} />
      <label className="flex items-start gap-2 text-sm text-slate-700" title={protectRule.allowed ? undefined : protectRule.reason}>
        <input type="checkbox" className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600" checked={isProtected} disabled={!protectRule.allowed} onChange={(e) => setProtected(e.target.checked)} />
        <span>
          <span className="font-medium text-slate-800">Protected</span>
          <span className="block text-xs text-muted">{protectRule.allowed ? "Only admins and owners can change it, like production." : protectRule.reason}</span>
        </span>
      </label>
      <FormError message={Object.keys(errors.fields).length ? null : errors.form} />
    </ModalForm>
  );
}
