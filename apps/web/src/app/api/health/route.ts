import { getJobs } from "~/server/app";

// Liveness only: no database work, so load balancers and the smoke suite can poll it cheaply. `jobs`
// says where background work runs: "inngest" (durable, on Inngest) or "inline" (in this process).
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok", jobs: getJobs().mode }, { headers: { "cache-control": "no-store" } });
}
