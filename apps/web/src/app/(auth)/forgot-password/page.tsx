import type { Metadata } from "next";
import { ForgotPasswordForm } from "~/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Reset your password</h1>
      <p className="mt-1 mb-6 text-sm text-muted">Enter your account&apos;s email and we&apos;ll send you a link to choose a new password.</p>
      <ForgotPasswordForm />
    </>
  );
}
