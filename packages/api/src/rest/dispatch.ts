import { authenticateAccessToken, authenticateApiKey, DomainError, noteRequest, parseInput, safeJson, safeText, type App } from "@llmguard/domain";
import { corsHeaders, preflight } from "./cors";
import { apiKeyFrom, bearerToken, clientIp, json, readJsonBody, toRestErrorResponse, type ErrorReply } from "./http";
import { openAiErrorReply } from "./openai-error";
import type { RouteDef } from "./define-route";

const replyResponse = (r: ErrorReply) => new Response(r.body, { status: r.status, headers: r.headers });

interface CompiledRoute {
  def: RouteDef;
  pattern: RegExp;
  params: string[];
}

/** A path segment as text: malformed escapes (`%`, `%ED%A0%80`) are a 400, not a URIError; NUL is made safe. */
function decodeSegment(name: string, raw: string): string {
  try {
    return safeText(decodeURIComponent(raw));
  } catch {
    throw new DomainError("VALIDATION_FAILED", `Path parameter ${name} is not valid percent-encoded UTF-8`, { details: { issues: [{ path: name, message: "Malformed percent-encoding", code: "invalid_format" }] } });
  }
}

/** A project API key sent where a user's access token is needed: say so instead of "invalid token". */
function looksLikeApiKey(token: string): boolean {
  return token.startsWith("lg_");
}

function compile(def: RouteDef): CompiledRoute {
  const params: string[] = [];
  const source = def.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    params.push(name);
    return "([^/]+)";
  });
  return { def, pattern: new RegExp(`^${source}/?$`), params };
}

/**
 * The REST adapter: CORS, route matching, authentication, rate limits, input parsing with the route's
 * Zod schema, one service call, and the one error envelope. Route files under apps/web only forward here.
 */
export interface RestHandlerOptions {
  /**
   * Finds the caller's access token. Default: `Authorization: Bearer`. The web app also reads the
   * dashboard's session cookie, so REST accepts the dashboard session too (cross-site use of that cookie
   * is refused by the Origin check above and by its SameSite=Lax attribute).
   */
  accessTokenFrom?: (req: Request) => Promise<string | null>;
}

export function createRestHandler(getApp: () => Promise<App>, routes: RouteDef[], opts: RestHandlerOptions = {}) {
  const accessTokenFrom = opts.accessTokenFrom ?? (async (req: Request) => bearerToken(req));
  const compiled = routes.map(compile);
  // The folders of the routes that answer in OpenAI's shape: an unknown path there (a client calling
  // /responses on the gateway) gets its 404 in that shape too.
  const openAiFolders = [...new Set(routes.filter((r) => r.errorFormat === "openai").map((r) => r.path.slice(0, r.path.lastIndexOf("/") + 1)))];

  return async function handle(req: Request): Promise<Response> {
    let cors: Record<string, string> = {};
    let app: App | undefined;
    let errorFormat: RouteDef["errorFormat"];
    try {
      app = await getApp();
      cors = corsHeaders(req, app.env.CORS_ORIGINS, app.env.APP_URL);
      const url = new URL(req.url);
      if (req.method === "OPTIONS") return preflight(cors);

      const candidates = compiled.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).filter((x) => x.m);
      if (candidates.length === 0) {
        if (openAiFolders.some((f) => url.pathname.startsWith(f))) errorFormat = "openai";
        throw new DomainError("NOT_FOUND", `No route for ${url.pathname}`);
      }
      errorFormat = candidates[0]!.r.def.errorFormat;
      const hit = candidates.find((x) => x.r.def.method === req.method);
      if (!hit) {
        throw new DomainError("METHOD_NOT_ALLOWED", `${req.method} is not allowed here`, { details: { allowed: candidates.map((x) => x.r.def.method) } });
      }
      const { def } = hit.r;
      const params = Object.fromEntries(hit.r.params.map((name, i) => [name, decodeSegment(name, hit.m![i + 1]!)]));
      noteRequest({ route: `${def.method} ${def.path}`, ...(params.projectId ? { projectId: params.projectId } : {}) });
      const meta = { ip: clientIp(req, app.env.TRUST_PROXY), userAgent: req.headers.get("user-agent") };

      let user;
      let apiKey;
      if (def.auth === "user") {
        const token = await accessTokenFrom(req);
        if ((!token && req.headers.get("x-api-key")) || (token && looksLikeApiKey(token))) {
          throw new DomainError("UNAUTHENTICATED", "This route needs a user's access token (Authorization: Bearer <token> from POST /api/v1/auth/login), not a project API key");
        }
        if (!token) throw new DomainError("UNAUTHENTICATED", "Authentication required: send Authorization: Bearer <access token>");
        user = await authenticateAccessToken({ app, token });
        if (!user) throw new DomainError("INVALID_TOKEN", "Invalid or expired access token");
        noteRequest({ userId: user.userId });
        await app.limits.perUser.consume(user.userId);
      } else if (def.auth === "apiKey") {
        apiKey = await authenticateApiKey({ app, key: apiKeyFrom(req) });
        noteRequest({ projectId: apiKey.projectId });
        await app.limits.perApiKey.consume(apiKey.keyId);
      }

      let input: unknown = undefined;
      if (def.input) {
        const raw = req.method === "GET" || req.method === "DELETE" ? safeJson(Object.fromEntries(url.searchParams)) : await readJsonBody(req, def.bodyLimitBytes);
        if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new DomainError("VALIDATION_FAILED", "Request body must be a JSON object");
        input = parseInput(def.input, { ...(raw as Record<string, unknown>), ...params });
      }

      const result = await def.handler({ app, req, input, meta, user, apiKey } as never);
      if (def.raw) {
        const res = result as Response;
        for (const [k, v] of Object.entries(cors)) res.headers.set(k, v);
        return res;
      }
      const status = def.status ?? 200;
      return json(result ?? null, status, cors);
    } catch (err) {
      const res = errorFormat === "openai" ? replyResponse(openAiErrorReply(err, app?.logger)) : toRestErrorResponse(err, app?.logger);
      for (const [k, v] of Object.entries(cors)) res.headers.set(k, v);
      return res;
    }
  };
}
