"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { errorMessage } from "~/trpc/errors";
import { useTRPC } from "~/trpc/react";

/** Recomputes the project's hash chain when shown and on request, and says whether it holds. */
export function ChainStatus({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const verify = useQuery({ ...trpc.audit.verify.queryOptions({ projectId }), staleTime: 0, retry: false });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div role="status" aria-live="polite" data-testid="chain-status" className="text-sm">
        {verify.isPending || (verify.isFetching && !verify.data) ? (
          <Badge tone="gray">Verifying the chain…</Badge>
        ) : verify.isError ? (
          <span className="text-red-700">Could not verify: {errorMessage(verify.error)}</span>
        ) : verify.data.ok ? (
          <Badge tone="green" className="text-sm">
            Chain verified · {verify.data.entries.toLocaleString("en")} {verify.data.entries === 1 ? "entry" : "entries"}
          </Badge>
        ) : (
          <Badge tone="red" className="text-sm">
            {verify.data.firstBroken ? `Chain broken at entry #${verify.data.firstBroken.seq}: ${verify.data.firstBroken.reason}` : "Chain broken: an entry does not match its hash"}
          </Badge>
        )}
      </div>
      <Button variant="secondary" size="sm" onClick={() => verify.refetch()} pending={verify.isFetching}>
        Verify again
      </Button>
    </div>
  );
}
