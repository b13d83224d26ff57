// Liveness only: no database work, so load balancers and the smoke suite can poll it cheaply.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
