import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "~/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Choose a new password</h1>
      {token ? (
        <>
          <p className="mt-1 mb-6 text-sm text-muted">After the change, every device signed in to your account is logged out.</p>
          <ResetPasswordForm token={token} />
        </>
      ) : (
        <div role="alert" className="mt-4 space-y-3 text-sm text-slate-600">
          <p>This page needs the link from your password reset e-mail, and this one has no token.</p>
          <p>
            <Link href="/forgot-password" className="font-medium link">
              Request a new link
            </Link>
          </p>
        </div>
      )}
    </>
  );
}
