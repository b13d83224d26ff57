"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { ProjectCreated } from "@llmguard/domain/schemas";
import { NewKeyPanel } from "~/components/api-keys/new-key-panel";
import { Button, ButtonLink } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { FormError, TextField } from "~/components/ui/field";
import { formErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

export function NewProjectForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<ProjectCreated | null>(null);
  const create = useMutation(
    trpc.project.create.mutationOptions({
      onSuccess: async (data) => {
        setCreated(data);
        setName("");
        await queryClient.invalidateQueries({ queryKey: trpc.project.list.queryKey() });
      },
    }),
  );
  const errors = formErrors(create.error, ["name"]);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setCreated(null);
    create.mutate({ name });
  }

  return (
    <div className="space-y-4">
      {created ? (
        <NewKeyPanel apiKey={created.apiKey.key} title={`Project “${created.project.name}” created: here is its API key`} onDismiss={() => setCreated(null)}>
          <ButtonLink href={`/projects/${created.project.id}`} size="sm">
            Go to project
          </ButtonLink>
        </NewKeyPanel>
      ) : null}
      <Section id="new-project" title="New project" description="A project comes with its first API key, shown once.">
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 sm:flex-row sm:items-start">
          <TextField
            label="Project name"
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.fields.name}
            placeholder="e.g. Support chatbot"
            maxLength={100}
            className="sm:w-96"
            required
          />
          <div className="sm:pt-7">
            <Button type="submit" pending={create.isPending}>
              Create project
            </Button>
          </div>
        </form>
        <div className="mt-3">
          <FormError message={errors.fields.name ? null : errors.form} />
        </div>
      </Section>
    </div>
  );
}
