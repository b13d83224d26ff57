"use client";

import Link from "next/link";
import type { RevealedSecret, SecretMetadata } from "@llmguard/domain/schemas";
import type { Rule } from "~/components/config/config-permissions";
import { Badge } from "~/components/ui/badge";
import { cn } from "~/components/ui/cn";
import { GuardedButton } from "~/components/ui/guarded-button";
import { Table, Td, Th } from "~/components/ui/table";
import { Time } from "~/components/ui/time";
import { RevealedValue } from "./revealed-value";
import { describeRotation } from "./rotation-format";

export type SecretAction = "reveal" | "update" | "rotate" | "delete";

/** Names and metadata; values only once revealed (admins, audited). */
export function SecretsTable({
  projectId,
  secrets,
  revealed,
  writeRule,
  revealRule,
  onAction,
  onHide,
}: {
  projectId: string;
  secrets: SecretMetadata[];
  revealed: Record<string, RevealedSecret>;
  writeRule: Rule;
  revealRule: Rule;
  onAction: (action: SecretAction, secret: SecretMetadata) => void;
  onHide: (name: string) => void;
}) {
  return (
    <Table caption="Secrets">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Value</Th>
          <Th>Rotation</Th>
          <Th>Used by</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {secrets.map((s) => {
          const shown = revealed[s.name];
          return (
            <tr key={s.name} id={`secret-${s.name}`} data-testid="secret-row" data-name={s.name} className={cn("scroll-mt-24 target:bg-indigo-50/60", s.overdue && "bg-red-50/40")}>
              <Td className="align-top">
                <code className="font-mono text-xs font-semibold text-slate-900">{s.name}</code>
                {s.description ? <span className="mt-0.5 block max-w-56 truncate text-xs text-muted" title={s.description}>{s.description}</span> : null}
                <span className="mt-0.5 block text-xs text-muted">
                  <span className="font-mono">v{s.version}</span> · rotated <Time value={s.lastRotatedAt} mode="relative" />
                </span>
              </Td>
              <Td className="w-full min-w-56 align-top whitespace-normal">
                {shown ? (
                  <RevealedValue secret={shown} onHide={() => onHide(s.name)} />
                ) : (
                  <span className="inline-flex items-center gap-2">
                    {/* The dots are decoration; a screen reader hears that the value is hidden (issue 17). */}
                    <span className="font-mono text-sm tracking-widest text-muted">
                      <span aria-hidden="true">••••••••</span>
                      <span className="sr-only">Value hidden</span>
                    </span>
                    <GuardedButton allowed={revealRule.allowed} reason={revealRule.reason} variant="ghost" size="sm" onClick={() => onAction("reveal", s)} aria-label={`Reveal ${s.name}`}>
                      Reveal
                    </GuardedButton>
                  </span>
                )}
              </Td>
              <Td className="min-w-52 align-top whitespace-normal">
                <span className="block text-sm whitespace-nowrap">{describeRotation(s.rotationDays)}</span>
                {s.rotationDueAt ? (
                  <span className="block text-xs text-muted">
                    due <Time value={s.rotationDueAt} />
                  </span>
                ) : null}
                <span className="mt-1 flex flex-wrap gap-1">
                  {s.overdue ? <Badge tone="red">Overdue</Badge> : null}
                  {s.inGracePeriod && s.previousExpiresAt ? (
                    <Badge tone="amber">
                      <span>
                        In grace period until <Time value={s.previousExpiresAt} mode="datetime" />
                      </span>
                    </Badge>
                  ) : null}
                </span>
              </Td>
              <Td className="max-w-56 min-w-40 align-top whitespace-normal">
                {s.references.length === 0 ? (
                  <span className="text-xs text-muted">Not referenced</span>
                ) : (
                  <ul className="space-y-0.5 text-xs">
                    {s.references.map((r) => (
                      <li key={`${r.environment}:${r.key}`}>
                        <Link href={`/projects/${projectId}/config?env=${encodeURIComponent(r.environment)}`} className="link">
                          {r.environment}
                        </Link>{" "}
                        · <code className="font-mono">{r.key}</code>
                      </li>
                    ))}
                  </ul>
                )}
              </Td>
              <Td className="text-right align-top">
                <span className="inline-flex flex-col items-end gap-1">
                  <GuardedButton allowed={writeRule.allowed} reason={writeRule.reason} variant="secondary" size="sm" onClick={() => onAction("rotate", s)} aria-label={`Rotate ${s.name}`}>
                    Rotate
                  </GuardedButton>
                  <GuardedButton allowed={writeRule.allowed} reason={writeRule.reason} variant="ghost" size="sm" onClick={() => onAction("update", s)} aria-label={`Edit ${s.name}`}>
                    Edit
                  </GuardedButton>
                  <GuardedButton allowed={writeRule.allowed} reason={writeRule.reason} variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => onAction("delete", s)} aria-label={`Delete ${s.name}`}>
                    Delete
                  </GuardedButton>
                </span>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
