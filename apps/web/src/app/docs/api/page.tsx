import type { Metadata } from "next";
import Link from "next/link";
import { Fragment } from "react";
import { buildOpenApiDocument, restRoutes } from "@llmguard/api";
import { MethodBadge } from "~/components/api-docs/method-badge";
import { OperationCard } from "~/components/api-docs/operation";
import { anchorOf, type JsonSchema, type Operation } from "~/components/api-docs/schema";
import { Brand } from "~/components/brand";

export const metadata: Metadata = { title: "API reference" };

interface Entry {
  method: string;
  path: string;
  op: Operation;
}

/** `code` spans of the document's Markdown-ish descriptions as <code>. */
function InlineCode({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-chip text-chip-fg px-1 py-0.5 font-mono text-xs">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/**
 * A path that wraps only after a slash, never inside a segment such as `api-keys` (the sidebar is
 * narrow and the paths used to be cut off; issue 8). Segments are short, so none needs a break.
 */
function BreakablePath({ path }: { path: string }) {
  const parts = path.split("/");
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          <span className="whitespace-nowrap">{i < parts.length - 1 ? `${part}/` : part}</span>
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}

const slug = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

/**
 * The REST API reference, rendered on the server from the same OpenAPI document that
 * /api/v1/openapi.json serves, so it cannot drift from the routes.
 */
export default function ApiReferencePage() {
  const doc = buildOpenApiDocument(restRoutes);
  const groups = new Map<string, Entry[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(ops)) {
      const op = raw as Operation;
      const tag = op.tags?.[0] ?? "Other";
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, op }]);
    }
  }
  const errorSchema = doc.components.schemas.Error as JsonSchema;
  const errorCodes = (errorSchema.properties?.error?.properties?.code?.enum ?? []) as string[];

  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-6 py-4">
          <Brand />
          <nav aria-label="Documentation" className="flex items-center gap-5 text-sm">
            <a href="/api/v1/openapi.json" className="font-medium text-indigo-600 hover:text-indigo-700">
              OpenAPI JSON
            </a>
            <Link href="/projects" className="text-slate-600 hover:text-slate-900">
              Dashboard
            </Link>
          </nav>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl gap-10 px-6 py-10">
        <nav aria-label="Endpoints" className="sticky top-6 hidden max-h-[calc(100vh-3rem)] w-72 shrink-0 overflow-y-auto lg:block">
          <ul className="space-y-5 text-sm">
            {[...groups].map(([tag, entries]) => (
              <li key={tag}>
                <a href={`#${slug(tag)}`} className="font-semibold text-slate-900 hover:text-indigo-600">
                  {tag}
                </a>
                <ul className="mt-2 space-y-1">
                  {entries.map(({ method, path, op }) => (
                    <li key={`${method} ${path}`}>
                      <a href={`#${anchorOf(method, path, op.operationId)}`} className="flex items-start gap-2 text-slate-600 hover:text-slate-900">
                        <MethodBadge method={method} className="w-14 shrink-0 text-[10px]" />
                        <span className="min-w-0 py-0.5 font-mono text-xs leading-4">
                          <BreakablePath path={path.replace(/^\/api\/v1/, "")} />
                        </span>
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </nav>
        <main className="min-w-0 flex-1 space-y-12">
          <section aria-labelledby="intro-title">
            <h1 id="intro-title" className="text-3xl font-semibold tracking-tight text-slate-900">
              {doc.info.title} reference
            </h1>
            <p className="mt-1 text-sm text-muted">
              Version {doc.info.version} · OpenAPI {doc.openapi} ·{" "}
              <a href="/api/v1/openapi.json" className="link">
                /api/v1/openapi.json
              </a>
            </p>
            <p className="mt-4 max-w-3xl text-sm leading-6 text-slate-700">
              <InlineCode text={doc.info.description} />
            </p>
            <div className="mt-6 grid gap-4 md:grid-cols-2">
              <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                <h2 className="text-sm font-semibold text-slate-900">Authentication</h2>
                <dl className="mt-3 space-y-3 text-sm">
                  <div>
                    <dt className="font-medium text-slate-800">User token</dt>
                    <dd className="text-slate-600">
                      <code className="font-mono text-xs">Authorization: Bearer &lt;access token&gt;</code>, from <code className="font-mono text-xs">POST /api/v1/auth/login</code>.
                      Access tokens last 15 minutes; exchange the refresh token at <code className="font-mono text-xs">/api/v1/auth/refresh</code>.
                    </dd>
                  </div>
                  <div>
                    <dt className="font-medium text-slate-800">API key</dt>
                    <dd className="text-slate-600">
                      A project key: <code className="font-mono text-xs">x-api-key: lg_…</code> or <code className="font-mono text-xs">Authorization: Bearer lg_…</code>. Create
                      one in the dashboard.
                    </dd>
                  </div>
                </dl>
              </div>
              <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                <h2 className="text-sm font-semibold text-slate-900">Errors</h2>
                <p className="mt-3 text-sm text-slate-600">Every error answers with one envelope:</p>
                {/* Short lines, and wrapped rather than cut off where the card is narrower still (issue 8). */}
                <pre className="mt-2 rounded-md bg-slate-900 p-3 font-mono text-xs break-words whitespace-pre-wrap text-slate-100">
                  {`{
  "error": {
    "code": "VALIDATION_FAILED",
    "message": "Invalid input",
    "details": {
      "issues": [{ "path": "name", "message": "…" }]
    },
    "timestamp": "2025-01-01T00:00:00.000Z"
  }
}`}
                </pre>
                <p className="mt-2 text-xs text-muted">Codes: {errorCodes.join(", ")}</p>
              </div>
            </div>
          </section>
          {[...groups].map(([tag, entries]) => (
            <section key={tag} id={slug(tag)} aria-labelledby={`${slug(tag)}-title`} className="scroll-mt-6 space-y-4">
              <h2 id={`${slug(tag)}-title`} className="text-xl font-semibold text-slate-900">
                {tag}
              </h2>
              {entries.map(({ method, path, op }) => (
                <OperationCard key={`${method} ${path}`} method={method} path={path} op={op} />
              ))}
            </section>
          ))}
        </main>
      </div>
    </div>
  );
}
