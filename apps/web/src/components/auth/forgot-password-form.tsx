"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { Notice } from "~/components/ui/states";
import { formErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions({ onSuccess: () => setSent(true) }));
  const errors = formErrors(request.error, ["email"]);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    request.mutate({ email });
  }

  return (
    <div className="space-y-4">
      {sent ? (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          If an account exists, we sent a link to reset the password. It works for one hour.
        </div>
      ) : (
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <FormError message={errors.fields.email ? null : errors.form} />
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errors.fields.email}
            required
          />
          <Button type="submit" pending={request.isPending} className="w-full">
            Send reset link
          </Button>
        </form>
      )}
      <Notice>
        Running LLMGuard locally without an e-mail server? The e-mail lands in the{" "}
        <Link href="/dev/outbox" className="font-medium underline">
          dev outbox
        </Link>
        .
      </Notice>
      <p className="text-center text-sm text-muted">
        <Link href="/login" className="font-medium link">
          Back to log in
        </Link>
      </p>
    </div>
  );
}
