"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { Notice } from "~/components/ui/states";

export function LoginForm({ callbackUrl, notice }: { callbackUrl: string; notice?: string | null }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fields, setFields] = useState<{ email?: string; password?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const missing = { email: email.trim() ? undefined : "Enter your email", password: password ? undefined : "Enter your password" };
    setFields(missing);
    if (missing.email || missing.password) return;
    setPending(true);
    try {
      const res = await signIn("credentials", { email: email.trim(), password, redirect: false });
      if (!res?.ok || res.error) {
        // Never say which of the two was wrong; only the throttling message is passed through.
        setError(res?.error?.includes("Too many") ? res.error : "Invalid email or password");
        setPending(false);
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {notice ? <Notice>{notice}</Notice> : null}
      <FormError message={error} />
      <TextField label="Email" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={fields.email} required />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fields.password}
        required
      />
      <div className="flex justify-end text-sm">
        <Link href="/forgot-password" className="font-medium link">
          Forgot your password?
        </Link>
      </div>
      <Button type="submit" pending={pending} className="w-full">
        Log in
      </Button>
      <p className="text-center text-sm text-muted">
        New to LLMGuard?{" "}
        <Link href="/register" className="font-medium link">
          Create an account
        </Link>
      </p>
    </form>
  );
}
