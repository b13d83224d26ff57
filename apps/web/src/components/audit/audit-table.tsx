import type { ProjectAuditEntryView } from "@llmguard/domain/schemas";
import { Table, Td, Th } from "~/components/ui/table";
import { Time } from "~/components/ui/time";
import { describeMetadata, describeTarget } from "./audit-format";

/** Audit entries, newest first: who did what to which target, with the metadata (never values). */
export function AuditTable({ entries, emailOf }: { entries: ProjectAuditEntryView[]; emailOf: ReadonlyMap<string, string> }) {
  return (
    <Table caption="Audit entries, newest first">
      <thead>
        <tr>
          <Th>#</Th>
          <Th>Time</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {entries.map((e) => {
          const details = describeMetadata(e.metadata);
          return (
            <tr key={e.id} data-testid="audit-row" data-action={e.action}>
              <Td className="font-mono text-xs text-muted">{e.seq}</Td>
              <Td>
                <Time value={e.createdAt} mode="datetime" />
              </Td>
              <Td className="max-w-40 truncate" title={e.actorId ? (e.actor?.email ?? emailOf.get(e.actorId) ?? e.actorId) : undefined}>
                {e.actorId ? (e.actor?.email ?? emailOf.get(e.actorId) ?? <span className="font-mono text-xs">{e.actorId.slice(0, 8)}</span>) : <span className="text-muted">system</span>}
              </Td>
              <Td>
                <code className="rounded bg-chip text-chip-fg px-1.5 py-0.5 font-mono text-xs">{e.action}</code>
              </Td>
              <Td className="max-w-36 truncate text-xs text-slate-600" title={e.targetId ?? undefined}>
                {describeTarget(e.targetType, e.targetId, e.metadata)}
              </Td>
              <Td className="w-full max-w-0 min-w-32 text-xs whitespace-normal text-muted" title={details}>
                <span className="line-clamp-2 break-words">
                  {details || "—"}
                  {e.ip ? <span className="text-muted"> · ip {e.ip}</span> : null}
                </span>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
