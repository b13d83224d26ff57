"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "~/trpc/react";

/**
 * After an apply or a rollback: the incident (status, timeline), its remediations, the project's list of
 * remediations and of incidents (an incident becomes mitigated), and the open-incident counts.
 */
export function useInvalidateRemediations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    async ({ incidentId, projectId }: { incidentId: string; projectId: string }) => {
      await Promise.all([
        queryClient.invalidateQueries(trpc.incident.byId.queryFilter({ incidentId })),
        queryClient.invalidateQueries(trpc.remediation.listByIncident.queryFilter({ incidentId })),
        queryClient.invalidateQueries(trpc.remediation.list.pathFilter()),
        queryClient.invalidateQueries(trpc.incident.list.pathFilter()),
        queryClient.invalidateQueries(trpc.incident.countOpen.queryFilter({ projectId })),
      ]);
    },
    [queryClient, trpc],
  );
}
