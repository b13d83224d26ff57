import type { ReactNode } from "react";
import { cn } from "~/components/ui/cn";
import { Spinner } from "~/components/ui/spinner";
import type { Banner } from "./billing-format";

const TONES = {
  danger: "border-red-200 bg-red-50 text-red-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  info: "border-sky-200 bg-sky-50 text-sky-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
} as const;

/** A page-wide message: a title, a sentence, and optionally the action that resolves it. */
export function BannerBox({ banner, action, testId }: { banner: Banner; action?: ReactNode; testId?: string }) {
  return (
    <div role={banner.tone === "danger" ? "alert" : "status"} data-testid={testId} className={cn("flex flex-wrap items-start justify-between gap-3 rounded-lg border px-4 py-3 text-sm", TONES[banner.tone])}>
      <div className="max-w-3xl">
        <p className="font-semibold">{banner.title}</p>
        <p className="mt-0.5">{banner.body}</p>
      </div>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}

/** A progress or outcome note of the page (waiting for Stripe, confirmed, canceled checkout). */
export function NoticeBox({ tone, busy = false, children, action, testId }: { tone: "info" | "success" | "warning"; busy?: boolean; children: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div role="status" aria-live="polite" data-testid={testId} className={cn("flex flex-wrap items-center justify-between gap-3 rounded-lg border px-4 py-3 text-sm", TONES[tone])}>
      <p className="flex max-w-3xl items-center gap-2">
        {busy ? <Spinner className="size-4 shrink-0" /> : null}
        <span>{children}</span>
      </p>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}
