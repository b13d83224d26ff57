import Link from "next/link";
import { Badge } from "~/components/ui/badge";

/** A module that is planned but not built yet: says so plainly instead of leading to a broken page. */
export function ComingSoon({ title, summary, planned }: { title: string; summary: string; planned: string[] }) {
  return (
    <div>
      <div className="mb-6 flex items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <Badge tone="amber">Coming soon</Badge>
      </div>
      <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10">
        <p className="max-w-2xl text-sm text-slate-600">{summary}</p>
        <h2 className="mt-6 text-sm font-semibold text-slate-900">What is planned</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-600">
          {planned.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <p className="mt-6 text-sm text-slate-600">
          This module is not available yet. Meanwhile, manage your{" "}
          <Link href="/projects" className="font-medium link">
            projects
          </Link>{" "}
          and their API keys.
        </p>
      </div>
    </div>
  );
}
