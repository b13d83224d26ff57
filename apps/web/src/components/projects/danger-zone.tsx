"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

/** Deleting a project (owner only): confirmed by typing its name. */
export function DangerZone({ projectId, projectName }: { projectId: string; projectName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const remove = useMutation(
    trpc.project.delete.mutationOptions({
      onSuccess: async () => {
        queryClient.removeQueries({ predicate: (q) => JSON.stringify(q.queryKey).includes(projectId) });
        await queryClient.invalidateQueries(trpc.project.list.queryFilter());
        router.push("/projects");
      },
    }),
  );
  const matches = typed.trim() === projectName;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (matches) remove.mutate({ projectId });
  }

  return (
    <section id="danger-zone" className="scroll-mt-6 rounded-xl border border-red-200 bg-white shadow-sm">
      <div className="border-b border-red-200 px-5 py-4">
        <h2 id="danger-zone-heading" className="text-base font-semibold text-red-700">
          Danger zone
        </h2>
        <p className="mt-0.5 text-sm text-muted">Deleting the project removes its API keys, members, settings history and data. It cannot be undone.</p>
      </div>
      <form onSubmit={onSubmit} noValidate className="space-y-4 px-5 py-4">
        <TextField
          label="Confirm project deletion"
          name="confirmDelete"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          hint={
            <>
              Type the project name, <strong className="font-semibold text-slate-700">{projectName}</strong>, to enable the button.
            </>
          }
          className="max-w-md"
        />
        <FormError message={remove.isError ? errorMessage(remove.error) : null} />
        <Button type="submit" variant="danger" disabled={!matches} pending={remove.isPending}>
          Delete project
        </Button>
      </form>
    </section>
  );
}
