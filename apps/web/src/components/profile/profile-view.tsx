"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { Profile } from "@llmguard/domain/schemas";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { PageHeader, Section } from "~/components/ui/card";
import { FormError, FormStatus, TextField } from "~/components/ui/field";
import { ErrorState, LoadingState } from "~/components/ui/states";
import { Time } from "~/components/ui/time";
import { errorCode, errorMessage, formErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

export function ProfileView() {
  const trpc = useTRPC();
  const me = useQuery(trpc.user.me.queryOptions());

  return (
    <>
      <PageHeader title="Profile" description="Your account details." />
      {me.isPending ? (
        <LoadingState label="Loading your profile…" />
      ) : me.isError ? (
        <ErrorState error={me.error} title="Could not load your profile" onRetry={() => me.refetch()} />
      ) : (
        <div className="space-y-6">
          <Section id="account" title="Account">
            <dl className="grid gap-4 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-muted">Name</dt>
                <dd className="mt-0.5 font-medium text-slate-900">{me.data.name || <span className="text-muted">Not set</span>}</dd>
              </div>
              <div>
                <dt className="text-muted">Email</dt>
                <dd className="mt-0.5 font-medium text-slate-900">{me.data.email}</dd>
              </div>
              <div>
                <dt className="text-muted">Account role</dt>
                <dd className="mt-0.5">
                  <Badge tone="indigo">{me.data.role}</Badge>
                </dd>
              </div>
              <div>
                <dt className="text-muted">Member since</dt>
                <dd className="mt-0.5 font-medium text-slate-900">
                  <Time value={me.data.createdAt} />
                </dd>
              </div>
            </dl>
          </Section>
          <NameForm profile={me.data} />
          <EmailForm profile={me.data} />
        </div>
      )}
    </>
  );
}

function useSaveProfile(onDone: (p: Profile) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.user.update.mutationOptions({
      onSuccess: (p) => {
        onDone(p);
        // Write the answer straight into the cache, so the account card and the menu show it at once.
        queryClient.setQueryData(trpc.user.me.queryKey(), p);
      },
    }),
  );
}

function NameForm({ profile }: { profile: Profile }) {
  const [name, setName] = useState(profile.name);
  const [status, setStatus] = useState<string | null>(null);
  const save = useSaveProfile(() => setStatus("Name saved."));
  const errors = formErrors(save.error, ["name"]);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setStatus(null);
    save.mutate({ name });
  }

  return (
    <Section id="edit-name" title="Name" description="How your teammates see you in member lists and history.">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField label="Name" name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} maxLength={100} className="max-w-md" />
        <FormError message={errors.fields.name ? null : errors.form} />
        <div className="flex items-center gap-3">
          <Button type="submit" pending={save.isPending} disabled={name === profile.name}>
            Save name
          </Button>
          <FormStatus message={status} />
        </div>
      </form>
    </Section>
  );
}

function EmailForm({ profile }: { profile: Profile }) {
  const [email, setEmail] = useState("");
  const [currentPassword, setCurrentPassword] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const save = useSaveProfile((p) => {
    setStatus(`Your email is now ${p.email}.`);
    setEmail("");
    setCurrentPassword("");
  });
  const code = errorCode(save.error);
  const errors = formErrors(save.error, ["email", "currentPassword"]);
  const emailError = errors.fields.email ?? (code === "EMAIL_TAKEN" ? errorMessage(save.error) : undefined);
  const passwordError = errors.fields.currentPassword ?? (code === "INVALID_CREDENTIALS" ? "Your current password is not correct" : undefined);
  const formMessage = emailError || passwordError ? null : errors.form;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setStatus(null);
    save.mutate({ email, currentPassword });
  }

  return (
    <Section id="change-email" title="Change email" description={`You log in with ${profile.email}. To change it, confirm with your current password.`}>
      <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
        <TextField label="New email" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={emailError} required />
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
          error={passwordError}
          required
        />
        <FormError message={formMessage} />
        <div className="flex items-center gap-3">
          <Button type="submit" pending={save.isPending}>
            Change email
          </Button>
          <FormStatus message={status} />
        </div>
      </form>
    </Section>
  );
}
