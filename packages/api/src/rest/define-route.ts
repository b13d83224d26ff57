import type { z } from "zod";
import type { ApiKeyPrincipal, App, AuthenticatedUser, ClientMeta, ErrorCode } from "@llmguard/domain";
import type { RestRequest } from "./rest-request";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** none: public; user: bearer access token; apiKey: project API key (x-api-key or Bearer lg_...). */
export type RouteAuth = "none" | "user" | "apiKey";

export interface HandlerArgs<I, A extends RouteAuth> {
  app: App;
  req: RestRequest;
  input: I;
  meta: ClientMeta;
  user: A extends "user" ? AuthenticatedUser : undefined;
  apiKey: A extends "apiKey" ? ApiKeyPrincipal : undefined;
}

/**
 * One REST route. `input` is the same Zod schema the tRPC procedure uses: the dispatcher parses
 * path parameters merged with the JSON body (or, for GET/DELETE, the query string) with it.
 * The OpenAPI document is generated from these definitions, so it cannot drift from the code.
 */
export interface RouteDef<S extends z.ZodType = z.ZodType, A extends RouteAuth = RouteAuth> {
  method: HttpMethod;
  /** OpenAPI-style template, e.g. /api/v1/projects/{projectId}. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  auth: A;
  input?: S;
  /** Success status: 200 by default; 201 for creations, 202 for accepted, 204 for no content. */
  status?: 200 | 201 | 202 | 204;
  output?: z.ZodType;
  /** Largest accepted JSON body; larger answers 413 (default MAX_JSON_BODY_BYTES, 1 MB). */
  bodyLimitBytes?: number;
  /** Error codes this route documents besides the ones implied by its auth and input (codes of ERROR_CODES). */
  errors?: ErrorCode[];
  /**
   * The handler answers itself (a RestReply: ETag/304, Server-Sent Events, JSON Lines); `produces` names
   * its content type for the OpenAPI document.
   */
  raw?: boolean;
  produces?: string;
  /**
   * "openai": errors answer in OpenAI's shape (openai-error.ts), for the gateway's OpenAI-compatible
   * routes; default: the REST envelope.
   */
  errorFormat?: "openai";
  handler: (args: HandlerArgs<S extends z.ZodType ? z.output<S> : undefined, A>) => Promise<unknown>;
}

export function defineRoute<S extends z.ZodType, A extends RouteAuth>(def: RouteDef<S, A>): RouteDef {
  return def as unknown as RouteDef;
}
