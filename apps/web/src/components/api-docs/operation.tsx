import { MethodBadge } from "./method-badge";
import { anchorOf, authLabel, constraints, fieldsOf, typeLabel, type Field, type Operation } from "./schema";
import { ScrollRegion } from "~/components/ui/scroll-region";

function FieldTable({ caption, fields, showRequired = true }: { caption: string; fields: Field[]; showRequired?: boolean }) {
  return (
    <ScrollRegion label={caption} className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left text-xs font-semibold text-muted">
              Field
            </th>
            <th scope="col" className="px-3 py-2 text-left text-xs font-semibold text-muted">
              Type
            </th>
            {showRequired ? (
              <th scope="col" className="px-3 py-2 text-left text-xs font-semibold text-muted">
                Required
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2 text-left text-xs font-semibold text-muted">
              Notes
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {fields.map((f) => (
            <tr key={f.name}>
              <td className="px-3 py-2 align-top font-mono text-xs text-slate-900">{f.name}</td>
              <td className="px-3 py-2 align-top text-xs text-slate-600">{f.type}</td>
              {showRequired ? <td className="px-3 py-2 align-top text-xs">{f.required ? <span className="font-semibold text-slate-900">yes</span> : <span className="text-muted">no</span>}</td> : null}
              <td className="px-3 py-2 align-top text-xs text-muted">{f.notes.join("; ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function H4({ children }: { children: string }) {
  return <h4 className="mb-2 text-xs font-semibold tracking-wide text-muted uppercase">{children}</h4>;
}

export function OperationCard({ method, path, op }: { method: string; path: string; op: Operation }) {
  const id = anchorOf(method, path, op.operationId);
  const auth = authLabel(op.security);
  const params = (op.parameters ?? []).map<Field & { in: string }>((p) => ({
    name: p.name,
    in: p.in,
    type: typeLabel(p.schema),
    required: !!p.required,
    notes: [`in ${p.in}`, ...constraints(p.schema)],
  }));
  const bodySchema = op.requestBody?.content?.["application/json"]?.schema;
  const bodyFields = fieldsOf(bodySchema);
  const responses = Object.entries(op.responses ?? {});
  const success = responses.filter(([status]) => status.startsWith("2"));
  const errors = responses.filter(([status]) => !status.startsWith("2"));

  return (
    <article id={id} aria-labelledby={`${id}-title`} className="scroll-mt-6 rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-200 px-5 py-4">
        <h3 id={`${id}-title`} className="flex flex-wrap items-center gap-3">
          <MethodBadge method={method} />
          <code className="font-mono text-sm font-semibold break-all text-slate-900">{path}</code>
        </h3>
        {op.summary ? <p className="mt-2 text-sm text-slate-700">{op.summary}</p> : null}
        {op.description ? <p className="mt-1 text-sm text-muted">{op.description}</p> : null}
        <p className="mt-2 text-xs text-muted">
          <span className="font-semibold text-slate-700">Auth:</span> {auth.label}
          {auth.label !== "None" ? <code className="ml-2 rounded bg-chip text-chip-fg px-1.5 py-0.5 font-mono">{auth.detail}</code> : null}
        </p>
      </header>
      <div className="space-y-5 px-5 py-4">
        {params.length > 0 ? (
          <section>
            <H4>Parameters</H4>
            <FieldTable caption={`Parameters of ${method.toUpperCase()} ${path}`} fields={params} />
          </section>
        ) : null}
        {bodyFields.length > 0 ? (
          <section>
            <H4>Request body (JSON)</H4>
            <FieldTable caption={`Request body of ${method.toUpperCase()} ${path}`} fields={bodyFields} />
          </section>
        ) : null}
        {success.map(([status, res]) => {
          const fields = fieldsOf(res.content?.["application/json"]?.schema);
          return (
            <section key={status}>
              <H4>{`Success: ${status}`}</H4>
              {fields.length > 0 ? (
                <FieldTable caption={`Response ${status} of ${method.toUpperCase()} ${path}`} fields={fields} showRequired={false} />
              ) : (
                <p className="text-sm text-muted">{status === "204" ? "No content." : (res.description ?? "")}</p>
              )}
            </section>
          );
        })}
        {errors.length > 0 ? (
          <section>
            <H4>Errors</H4>
            <ul className="flex flex-wrap gap-2">
              {errors.map(([status, res]) => (
                <li key={status} className="rounded-md border border-slate-200 px-2 py-1 text-xs">
                  <span className="font-mono font-semibold text-slate-900">{status}</span>{" "}
                  <span className="font-mono text-slate-600">{res.description}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </article>
  );
}
