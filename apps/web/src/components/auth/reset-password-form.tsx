"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { PasswordSchema } from "@llmguard/domain/schemas";
import { Button, ButtonLink } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { errorCode, formErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const [password, setPassword] = useState("");
  const [clientError, setClientError] = useState<string | null>(null);
  const confirm = useMutation(trpc.auth.confirmPasswordReset.mutationOptions());
  const errors = formErrors(confirm.error, ["password"]);
  const badToken = ["INVALID_TOKEN", "NOT_FOUND"].includes(errorCode(confirm.error) ?? "") || (errorCode(confirm.error) === "VALIDATION_FAILED" && !!formErrors(confirm.error, ["token"]).fields.token);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = PasswordSchema.safeParse(password);
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message ?? "Choose a stronger password");
      return;
    }
    setClientError(null);
    confirm.mutate({ token, password });
  }

  if (confirm.isSuccess) {
    return (
      <div className="space-y-4">
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Your password was changed. You can now log in with it.
        </div>
        <ButtonLink href="/login?reset=1" className="w-full">
          Go to log in
        </ButtonLink>
      </div>
    );
  }

  if (badToken) {
    return (
      <div role="alert" className="space-y-3 text-sm text-slate-600">
        <p className="font-medium text-red-700">This reset link is invalid, expired, or was already used.</p>
        <Link href="/forgot-password" className="font-medium link">
          Request a new link
        </Link>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.fields.password ? null : errors.form} />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={clientError ?? errors.fields.password}
        hint="At least 10 characters, with a letter and a digit."
        required
      />
      <Button type="submit" pending={confirm.isPending} className="w-full">
        Set new password
      </Button>
    </form>
  );
}
