import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RegisterForm } from "~/components/auth/register-form";
import { readSession } from "../../_lib/session";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage() {
  if (await readSession()) redirect("/projects");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Create your account</h1>
      <p className="mt-1 mb-6 text-sm text-muted">Start monitoring your LLM calls in minutes.</p>
      <RegisterForm />
    </>
  );
}
