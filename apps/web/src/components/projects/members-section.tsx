"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { roleAllows, type Member, type ProjectRoleName } from "@llmguard/domain/schemas";
import { RoleBadge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { FormError, FormStatus, SelectField, TextField } from "~/components/ui/field";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { Table, Td, Th } from "~/components/ui/table";
import { Time } from "~/components/ui/time";
import { errorCode, errorMessage, formErrors } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

const ASSIGNABLE = ["admin", "developer", "viewer"] as const;
type AssignableRole = (typeof ASSIGNABLE)[number];

const ROLE_HELP: Record<AssignableRole, string> = {
  admin: "manages keys, members and settings",
  developer: "sees API keys and settings",
  viewer: "read-only",
};

export function MembersSection({ projectId, role }: { projectId: string; role: ProjectRoleName }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const canManage = roleAllows(role, "member.manage");
  const members = useQuery(trpc.member.list.queryOptions({ projectId }));
  const me = useQuery(trpc.user.me.queryOptions());
  const [removing, setRemoving] = useState<Member | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const refresh = () => Promise.all([queryClient.invalidateQueries(trpc.member.list.queryFilter({ projectId })), queryClient.invalidateQueries(trpc.audit.list.pathFilter())]);

  const changeRole = useMutation(
    trpc.member.changeRole.mutationOptions({
      onSuccess: async (m) => {
        setStatus(`${m.email} is now ${m.role}.`);
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.member.remove.mutationOptions({
      onSuccess: async (_data, vars) => {
        setRemoving(null);
        if (vars.userId === me.data?.id) {
          // Left the project: nothing here is visible any more.
          await queryClient.invalidateQueries(trpc.project.pathFilter());
          router.push("/projects");
          return;
        }
        setStatus("Member removed.");
        await refresh();
      },
    }),
  );

  const isSelf = (m: Member) => m.userId === me.data?.id;

  return (
    <Section id="members" title="Members" description="Who can see and change this project, and what they may do.">
      <div className="space-y-5">
        {members.isPending ? (
          <LoadingState label="Loading members…" />
        ) : members.isError ? (
          <ErrorState error={members.error} title="Could not load members" onRetry={() => members.refetch()} />
        ) : members.data.length === 0 ? (
          <EmptyState title="No members" />
        ) : (
          <Table caption="Members">
            <thead>
              <tr>
                <Th>Member</Th>
                <Th>Role</Th>
                <Th>Added</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.data.map((m) => (
                <tr key={m.userId}>
                  <Td>
                    <span className="block font-medium text-slate-900">
                      {m.name || m.email}
                      {isSelf(m) ? <span className="ml-1.5 text-xs font-normal text-muted">(you)</span> : null}
                    </span>
                    {m.name ? <span className="block text-xs text-muted">{m.email}</span> : null}
                  </Td>
                  <Td>
                    {canManage && m.role !== "owner" && !isSelf(m) ? (
                      <select
                        aria-label={`Change role for ${m.email}`}
                        value={m.role}
                        disabled={changeRole.isPending}
                        onChange={(e) => {
                          setStatus(null);
                          changeRole.mutate({ projectId, userId: m.userId, role: e.target.value as AssignableRole });
                        }}
                        className="rounded-md border-0 bg-white py-1 pr-8 pl-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
                      >
                        {ASSIGNABLE.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <RoleBadge role={m.role} />
                    )}
                  </Td>
                  <Td>
                    <Time value={m.createdAt} />
                  </Td>
                  <Td className="text-right">
                    {m.role !== "owner" && (canManage || isSelf(m)) ? (
                      <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setRemoving(m)}>
                        {isSelf(m) ? "Leave" : "Remove"}
                      </Button>
                    ) : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {changeRole.isError ? <FormError message={errorMessage(changeRole.error)} /> : null}
        <FormStatus message={status} />
        {canManage ? <AddMemberForm projectId={projectId} onAdded={(m) => setStatus(`${m.email} was added as ${m.role}.`)} refresh={refresh} /> : null}
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={removing && isSelf(removing) ? "Leave this project?" : `Remove ${removing?.email ?? ""}?`}
        confirmLabel={removing && isSelf(removing) ? "Leave project" : "Remove member"}
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => removing && remove.mutate({ projectId, userId: removing.userId })}
      >
        <p>{removing && isSelf(removing) ? "You lose access to this project until someone adds you again." : "They lose access to this project immediately."}</p>
      </ConfirmDialog>
    </Section>
  );
}

function AddMemberForm({ projectId, onAdded, refresh }: { projectId: string; onAdded: (m: Member) => void; refresh: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<AssignableRole>("developer");
  const add = useMutation(
    trpc.member.add.mutationOptions({
      onSuccess: async (m) => {
        onAdded(m);
        setEmail("");
        await refresh();
      },
    }),
  );
  const code = errorCode(add.error);
  const errors = formErrors(add.error, ["email", "role"]);
  // An unknown address or an existing member is about the e-mail field, not the whole form.
  const emailError = errors.fields.email ?? (code === "NOT_FOUND" || code === "CONFLICT" ? errorMessage(add.error) : undefined);
  const formMessage = emailError || errors.fields.role ? null : errors.form;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    add.mutate({ projectId, email, role });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="rounded-lg border border-slate-200 bg-slate-50 p-4">
      <h3 className="text-sm font-semibold text-slate-900">Add a member</h3>
      <p className="mt-0.5 text-xs text-muted">They need an LLMGuard account first.</p>
      <div className="mt-3 grid gap-4 sm:grid-cols-[1fr_14rem_auto] sm:items-start">
        <TextField label="Member email" name="memberEmail" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={emailError} />
        <SelectField label="New member role" name="memberRole" value={role} onChange={(e) => setRole(e.target.value as AssignableRole)} error={errors.fields.role} hint={ROLE_HELP[role]}>
          {ASSIGNABLE.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <div className="sm:pt-7">
          <Button type="submit" pending={add.isPending}>
            Add member
          </Button>
        </div>
      </div>
      <div className="mt-3">
        <FormError message={formMessage} />
      </div>
    </form>
  );
}
