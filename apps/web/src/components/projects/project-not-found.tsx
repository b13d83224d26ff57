import { ButtonLink } from "~/components/ui/button";

/** What every project-scoped page shows for an unknown project, or one the user is not a member of. */
export function ProjectNotFound() {
  return (
    <div role="alert" className="rounded-xl border border-slate-200 bg-white px-6 py-12 text-center shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">Project not found</h1>
      <p className="mt-2 text-sm text-muted">It does not exist, was deleted, or you are not a member of it.</p>
      <ButtonLink href="/projects" variant="secondary" className="mt-6">
        Back to projects
      </ButtonLink>
    </div>
  );
}
