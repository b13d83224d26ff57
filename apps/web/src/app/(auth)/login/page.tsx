import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "~/components/auth/login-form";
import { readSession, safeCallbackUrl } from "../../_lib/session";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await readSession()) redirect(callbackUrl);
  const reset = params.reset === "1";
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Log in to LLMGuard</h1>
      <p className="mt-1 mb-6 text-sm text-muted">Welcome back. Enter your email and password.</p>
      <LoginForm callbackUrl={callbackUrl} notice={reset ? "Your password was changed. Log in with the new one." : null} />
    </>
  );
}
