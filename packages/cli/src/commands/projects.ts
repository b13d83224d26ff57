import { expectPositionals } from "../args.js";
import type { ProjectSummary } from "../api-types.js";
import { checkProjectId } from "../context.js";
import { usageError } from "../errors.js";
import { seg } from "../http.js";
import { when } from "../output.js";
import type { CommandSpec } from "./types.js";

export const projects: CommandSpec = {
  name: "projects",
  summary: "List your projects (the selected one is marked *)",
  async run(ctx) {
    const { projects } = await ctx.userApi().call<{ projects: ProjectSummary[] }>("GET", "/api/v1/projects", { auth: "user" });
    if (ctx.out.json) return ctx.out.data({ projects });
    if (projects.length === 0) return ctx.out.line("No projects yet. Create one in the dashboard.");
    let selected: string | undefined;
    try {
      selected = ctx.projectId();
    } catch {
      selected = undefined;
    }
    ctx.out.table(
      ["", "ID", "NAME", "ROLE", "KEYS", "LAST USED"],
      projects.map((p) => [p.id === selected ? "*" : "", p.id, p.name, p.role, `${p.activeKeys} ${p.keyStatus}`, p.lastUsedAt ? when(p.lastUsedAt) : "never"]),
    );
  },
};

export const use: CommandSpec = {
  name: "use",
  summary: "Choose the default project for the next commands",
  usage: "<projectId>",
  description: "Saved with the credentials. --project and LLMGUARD_PROJECT still win for one command.",
  examples: ["llmguard use 3f0c2a8e-5d1b-4c4e-9a57-2b8f1e0c9d11"],
  async run(ctx, { positionals }) {
    expectPositionals(positionals, 1, 1, "llmguard use <projectId>");
    const projectId = checkProjectId(positionals[0]!);
    const saved = ctx.savedCredentials;
    if (saved?.accessToken && saved.url !== ctx.url) {
      throw usageError(`Your saved session is for ${saved.url}, not ${ctx.url}`, `Pass --url ${saved.url}, or log in to ${ctx.url} first.`);
    }
    // When logged in, check it exists (a non-member gets 404 too), so a typo fails here and not later.
    if (ctx.hasUserSession()) await ctx.userApi().call("GET", `/api/v1/projects/${seg(projectId)}`, { auth: "user" });
    await ctx.saveCredentials({ ...(ctx.credentials ?? { url: ctx.url }), projectId });
    if (ctx.out.json) return ctx.out.data({ projectId });
    ctx.out.line(`Using project ${projectId}.`);
  },
};
