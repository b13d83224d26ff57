import Link from "next/link";
import type { ReactNode } from "react";
import { Brand } from "~/components/brand";

/** Public pages (log in, register, password reset): one centered card. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <Brand className="mb-8" />
      <main className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">{children}</main>
      <p className="mt-6 text-xs text-muted">
        <Link href="/docs/api" className="hover:text-slate-700 hover:underline">
          API reference
        </Link>
      </p>
    </div>
  );
}
