import { authenticateAccessToken, authenticateApiKey, cachedApiKeyPrincipal, DomainError, noteRequest, parseInput, safeJson, safeText, type App } from "@llmguard/domain";
import { corsHeaders, preflight } from "./cors";
import { apiKeyFrom, bearerToken, clientIp, errorReply, json, readJsonBody } from "./http";
import { openAiErrorReply } from "./openai-error";
import type { RouteDef } from "./define-route";
import type { RestReply, RestRequest } from "./rest-request";

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

/** Segments of a path, ignoring one trailing slash: a route only ever matches paths with its own count. */
function segmentCount(path: string): number {
  let n = 0;
  const end = path.length > 1 && path.endsWith("/") ? path.length - 1 : path.length;
  for (let i = 0; i < end; i++) if (path.charCodeAt(i) === 47) n++;
  return n;
}

export interface RestHandlerOptions {
  /**
   * Finds the caller's access token. Default: `Authorization: Bearer`. The web app also reads the
   * dashboard's session cookie, so REST accepts the dashboard session too (cross-site use of that cookie
   * is refused by the Origin check and by its SameSite=Lax attribute).
   */
  accessTokenFrom?: (req: RestRequest) => Promise<string | null>;
}

/** One REST call, from request to answer: what node-adapter.ts serves for every /api/v1 and /webhooks path. */
export type RestDispatcher = (req: RestRequest) => Promise<RestReply>;

/**
 * The REST adapter: CORS, route matching, authentication, rate limits, input parsing with the route's
 * Zod schema, one service call, and the one error envelope (or OpenAI's shape on the gateway's routes).
 */
export function createRestDispatcher(getApp: () => Promise<App>, routes: RouteDef[], opts: RestHandlerOptions = {}): RestDispatcher {
  const accessTokenFrom = opts.accessTokenFrom ?? (async (req: RestRequest) => bearerToken(req));
  // Routes by segment count, in table order: a request is matched against the few of its own length.
  const bySegments = new Map<number, CompiledRoute[]>();
  for (const def of routes) {
    const n = segmentCount(def.path);
    const list = bySegments.get(n) ?? [];
    list.push(compile(def));
    bySegments.set(n, list);
  }
  // The folders of the routes that answer in OpenAI's shape: an unknown path there (a client calling
  // /responses on the gateway) gets its 404 in that shape too.
  const openAiFolders = [...new Set(routes.filter((r) => r.errorFormat === "openai").map((r) => r.path.slice(0, r.path.lastIndexOf("/") + 1)))];
  // Once the App exists it is used directly: each await on the hot path costs (promise hooks of the
  // request context's AsyncLocalStorage).
  let ready: App | undefined;

  return async function dispatch(req: RestRequest): Promise<RestReply> {
    let cors: Record<string, string> = {};
    let app: App | undefined = ready;
    let errorFormat: RouteDef["errorFormat"];
    try {
      app ??= ready = await getApp();
      if (req.headers.get("origin") !== null) cors = corsHeaders(req, app.env.CORS_ORIGINS, app.env.APP_URL);
      if (req.method === "OPTIONS") return preflight(cors);

      const { pathname } = req;
      const candidates: { r: CompiledRoute; m: RegExpExecArray }[] = [];
      for (const r of bySegments.get(segmentCount(pathname)) ?? []) {
        const m = r.pattern.exec(pathname);
        if (m) candidates.push({ r, m });
      }
      if (candidates.length === 0) {
        if (openAiFolders.some((f) => pathname.startsWith(f))) errorFormat = "openai";
        throw new DomainError("NOT_FOUND", `No route for ${pathname}`);
      }
      errorFormat = candidates[0]!.r.def.errorFormat;
      // HEAD is GET without the body (node-adapter.ts writes none).
      const method = req.method === "HEAD" ? "GET" : req.method;
      const hit = candidates.find((x) => x.r.def.method === method);
      if (!hit) {
        throw new DomainError("METHOD_NOT_ALLOWED", `${req.method} is not allowed here`, { details: { allowed: candidates.map((x) => x.r.def.method) } });
      }
      const { def } = hit.r;
      const params: Record<string, string> = {};
      for (let i = 0; i < hit.r.params.length; i++) params[hit.r.params[i]!] = decodeSegment(hit.r.params[i]!, hit.m[i + 1]!);
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
        const key = apiKeyFrom(req);
        // A key verified moments ago is taken from the cache without a promise (the config-read hot path).
        apiKey = cachedApiKeyPrincipal(app, key) ?? (await authenticateApiKey({ app, key }));
        noteRequest({ projectId: apiKey.projectId });
        await app.limits.perApiKey.consume(apiKey.keyId);
      }

      let input: unknown = undefined;
      if (def.input) {
        const raw = method === "GET" || method === "DELETE" ? safeJson(Object.fromEntries(new URLSearchParams(req.search))) : await readJsonBody(req, def.bodyLimitBytes);
        if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new DomainError("VALIDATION_FAILED", "Request body must be a JSON object");
        input = parseInput(def.input, { ...(raw as Record<string, unknown>), ...params });
      }

      const result = await def.handler({ app, req, input, meta, user, apiKey } as never);
      if (def.raw) return withHeaders(result as RestReply, cors);
      return json(result ?? null, def.status ?? 200, cors);
    } catch (err) {
      const reply = errorFormat === "openai" ? openAiErrorReply(err, app?.logger) : errorReply(err, app?.logger);
      return withHeaders(reply, cors);
    }
  };
}

function withHeaders(reply: RestReply, headers: Record<string, string>): RestReply {
  if (reply instanceof Response) {
    for (const k in headers) reply.headers.set(k, headers[k]!);
    return reply;
  }
  for (const k in headers) reply.headers[k] = headers[k]!;
  return reply;
}
