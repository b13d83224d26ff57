"use client";

import { useQuery } from "@tanstack/react-query";
import { Fragment } from "react";
import { Button } from "~/components/ui/button";
import { EmptyState, ErrorState, LoadingState, Notice } from "~/components/ui/states";
import { Time } from "~/components/ui/time";
import { useTRPC } from "~/trpc/react";

const URL_RE = /(https?:\/\/[^\s<>"')\]]+)/g;

/** E-mail text with its links clickable. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(URL_RE);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="break-all text-indigo-600 underline hover:text-indigo-700">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export function OutboxList() {
  const trpc = useTRPC();
  const outbox = useQuery({ ...trpc.outbox.list.queryOptions(), staleTime: 0 });

  if (outbox.isPending) return <LoadingState label="Loading e-mails…" />;
  if (outbox.isError) return <ErrorState error={outbox.error} title="Could not load the outbox" onRetry={() => outbox.refetch()} />;
  if (!outbox.data.enabled) {
    return <Notice>SMTP is configured on this server, so e-mails are delivered to their recipients and none are kept here. Check your inbox.</Notice>;
  }

  const emails = outbox.data.emails;
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <p className="text-sm text-muted">{emails.length === 1 ? "1 e-mail" : `${emails.length} e-mails`}, newest first</p>
        <Button variant="secondary" size="sm" onClick={() => outbox.refetch()} pending={outbox.isFetching}>
          Refresh
        </Button>
      </div>
      {emails.length === 0 ? (
        <EmptyState title="No e-mails yet">Request a password reset and the e-mail will show up here.</EmptyState>
      ) : (
        <ul className="space-y-4">
          {emails.map((m) => (
            <li key={m.id}>
              <article className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-label={m.subject}>
                <header className="border-b border-slate-200 px-5 py-3">
                  <h2 className="font-semibold text-slate-900">{m.subject}</h2>
                  <dl className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-xs text-muted">
                    <div className="flex gap-1">
                      <dt>To:</dt>
                      <dd className="font-medium text-slate-700">{m.to}</dd>
                    </div>
                    <div className="flex gap-1">
                      <dt>Sent:</dt>
                      <dd>
                        <Time value={m.createdAt} mode="datetime" />
                      </dd>
                    </div>
                  </dl>
                </header>
                <pre className="px-5 py-4 font-sans text-sm whitespace-pre-wrap text-slate-700">
                  <Linkified text={m.text} />
                </pre>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
