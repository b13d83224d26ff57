import type { Context } from "../context.js";
import { seg } from "../http.js";

/** `/api/v1/projects/{projectId}/config/{environment}` plus `rest`, for the selected project. */
export const configPath = (ctx: Context, environment: string, rest = "") => `/api/v1/projects/${seg(ctx.projectId())}/config/${seg(environment)}${rest}`;
