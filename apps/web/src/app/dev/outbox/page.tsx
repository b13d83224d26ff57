import type { Metadata } from "next";
import Link from "next/link";
import { Brand } from "~/components/brand";
import { OutboxList } from "~/components/outbox/outbox-list";

export const metadata: Metadata = { title: "Dev outbox" };

export default function DevOutboxPage() {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl items-center justify-between px-6 py-4">
          <Brand />
          <nav aria-label="Outbox" className="flex gap-4 text-sm">
            <Link href="/login" className="text-slate-600 hover:text-slate-900">
              Log in
            </Link>
            <Link href="/forgot-password" className="text-slate-600 hover:text-slate-900">
              Forgot password
            </Link>
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-4xl px-6 py-10">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Dev outbox</h1>
        <p className="mt-1 mb-6 text-sm text-muted">
          E-mails this server would have sent. It keeps them here only while no SMTP server is configured (SMTP_URL), so you can finish a password reset
          on a local machine.
        </p>
        <OutboxList />
      </main>
    </div>
  );
}
