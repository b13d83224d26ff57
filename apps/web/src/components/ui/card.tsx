import type { ReactNode } from "react";
import { cn } from "./cn";

/**
 * A titled panel of a page. Deliberately not aria-labelledby its heading: a labelled section would
 * also answer label lookups (getByLabel("Name")) next to the form field of the same name.
 */
export function Section({ id, title, description, actions, children, className }: { id?: string; title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section id={id} className={cn("scroll-mt-6 rounded-xl border border-slate-200 bg-white shadow-sm", className)}>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-muted">{description}</p> : null}
        </div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </div>
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}

export function PageHeader({ title, description, actions }: { title: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-muted">{description}</p> : null}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  );
}
