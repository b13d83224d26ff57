"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { RegisterInputSchema } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { errorCode, formErrors, zodFieldErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

const FIELDS = ["name", "email", "password"] as const;

export function RegisterForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const register = useMutation(trpc.auth.register.mutationOptions());

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const input = { email, password, ...(name.trim() ? { name } : {}) };
    const parsed = RegisterInputSchema.safeParse(input);
    if (!parsed.success) {
      setFields(zodFieldErrors(parsed.error.issues));
      return;
    }
    setFields({});
    try {
      await register.mutateAsync(input);
    } catch (err) {
      if (errorCode(err) === "EMAIL_TAKEN") {
        setFields({ email: "An account with this email already exists. Log in instead?" });
        return;
      }
      const split = formErrors(err, FIELDS);
      setFields(split.fields);
      setError(split.form);
      return;
    }
    setSigningIn(true);
    const res = await signIn("credentials", { email: parsed.data.email, password, redirect: false }).catch(() => null);
    if (!res?.ok || res.error) {
      // The account exists; only the automatic sign-in failed.
      router.replace("/login");
      return;
    }
    router.replace("/projects");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={error} />
      <TextField label="Name" name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={fields.name} hint="Optional. Shown to your teammates." />
      <TextField label="Email" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={fields.email} required />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fields.password}
        hint="At least 10 characters, with a letter and a digit."
        required
      />
      <Button type="submit" pending={register.isPending || signingIn} className="w-full">
        Create account
      </Button>
      <p className="text-center text-sm text-muted">
        Already have an account?{" "}
        <Link href="/login" className="font-medium link">
          Log in
        </Link>
      </p>
    </form>
  );
}
