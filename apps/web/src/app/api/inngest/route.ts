import type { NextRequest } from "next/server";
import { DomainError, toErrorBody } from "@llmguard/domain";
import { getJobs } from "~/server/app";

// Inngest's calls: sync (PUT), runs (POST), introspection (GET). Never cached; Node runtime (the App).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function handle(method: "GET" | "POST" | "PUT") {
  return (req: NextRequest, ctx: unknown): Promise<Response> | Response => {
    const serve = getJobs().serveHandler;
    if (!serve) {
      // Inline mode: nothing to serve; answer in the one REST error envelope.
      return Response.json(toErrorBody(new DomainError("NOT_FOUND", "Inngest is not configured: background jobs run inline in this process")), { status: 404 });
    }
    return serve[method](req, ctx);
  };
}

export const GET = handle("GET");
export const POST = handle("POST");
export const PUT = handle("PUT");
