import { expectPositionals, stringOpt } from "../args.js";
import type { ConfigDiff, ConfigVersionSummary, EffectiveConfig, EffectiveEntry, EnvironmentView } from "../api-types.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { seg } from "../http.js";
import { cell, when } from "../output.js";
import { parseIntArg } from "../values.js";
import { configPath } from "./config-path.js";
import { restore, set } from "./config-write.js";
import { environmentOption, type CommandSpec } from "./types.js";

/** How a value reads on one line: strings as they are, everything else as JSON. */
export const plain = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

const shown = (e: EffectiveEntry, resolvedOk: boolean) => (resolvedOk && e.resolved !== undefined ? e.resolved : e.value);

const get: CommandSpec = {
  name: "get",
  summary: "Show the effective config (base overridden by the environment) with the source of each key",
  usage: "[key] [-e <environment>]",
  description: [
    "Without a key: a table of every key, its value (templates resolved; {{ secret:NAME }} stays as written)",
    "and where it comes from (base, or an override in this environment).",
    "With a key: that value alone. When stdout is not a terminal it is printed bare (strings without quotes),",
    "so `$(llmguard config get llm.model)` works. Exits 4 when the key is not set.",
  ].join("\n"),
  options: environmentOption("production"),
  examples: ["llmguard config get", "llmguard config get llm.model -e staging", "llmguard config get --json | jq .values"],
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, 0, 1, "llmguard config get [key]");
    const environment = stringOpt(values, "environment") ?? "production";
    const eff = await ctx.userApi().call<EffectiveConfig>("GET", configPath(ctx, environment), { auth: "user" });
    const ok = eff.values !== null;
    const key = positionals[0];
    if (key !== undefined) {
      const entry = eff.entries.find((e) => e.key === key);
      if (!entry) throw new CliError(`${key} is not set in ${environment}`, { exitCode: EXIT.NOT_FOUND, code: "NOT_FOUND" });
      if (ctx.out.json) return ctx.out.data(entry);
      if (!ctx.out.stdoutIsTTY) return ctx.out.line(plain(shown(entry, ok)));
      const origin = entry.source === "override" ? `override in ${environment}${"baseValue" in entry ? `, base: ${cell(entry.baseValue)}` : ""}` : "from base";
      ctx.out.line(`${key} = ${cell(shown(entry, ok))}  ${ctx.out.style("dim", `(${origin})`)}`);
      if (ok && JSON.stringify(entry.resolved) !== JSON.stringify(entry.value)) ctx.out.line(ctx.out.style("dim", `  template: ${cell(entry.value)}`));
      return;
    }
    if (ctx.out.json) return ctx.out.data(eff);
    ctx.out.note(`${environment} · version ${eff.version} (base v${eff.baseVersion}, ${environment} v${eff.environmentVersion})`);
    const max = ctx.out.stdoutIsTTY ? 80 : Infinity;
    ctx.out.table(
      ["KEY", "VALUE", "SOURCE"],
      eff.entries.map((e) => [e.key, cell(shown(e, ok), max), e.source === "override" ? "override" : "base"]),
    );
    for (const i of eff.issues) ctx.out.warn(`${i.key}: ${i.message} (${i.code})`);
  },
};

const history: CommandSpec = {
  name: "history",
  summary: "List an environment's versions, newest first",
  usage: "[-e <environment>] [--limit <n>]",
  options: { ...environmentOption("production"), limit: { type: "string", value: "n", description: "How many versions (1–200, default 20)" } },
  examples: ["llmguard config history -e staging --limit 5"],
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, 0, 0, "llmguard config history");
    const environment = stringOpt(values, "environment") ?? "production";
    const limit = parseIntArg("--limit", stringOpt(values, "limit") ?? "20", { min: 1, max: 200 });
    const { versions } = await ctx.userApi().call<{ versions: ConfigVersionSummary[] }>("GET", configPath(ctx, environment, "/versions"), { auth: "user", query: { limit } });
    if (ctx.out.json) return ctx.out.data({ versions });
    if (versions.length === 0) return ctx.out.line(`${environment} has no versions yet.`);
    ctx.out.table(
      ["VERSION", "DATE", "AUTHOR", "MESSAGE", "CHANGED"],
      versions.map((v) => [
        String(v.version),
        when(v.createdAt),
        v.author?.email ?? "—",
        [v.message ?? "", v.restoredFrom ? `(restored from v${v.restoredFrom})` : ""].filter(Boolean).join(" ") || "—",
        v.changedKeys.join(", "),
      ]),
    );
  },
};

/** The version before `to` in this environment (0 before the first). */
async function previousVersion(ctx: Context, environment: string, to: number): Promise<number> {
  const { versions } = await ctx.userApi().call<{ versions: ConfigVersionSummary[] }>("GET", configPath(ctx, environment, "/versions"), { auth: "user", query: { before: to, limit: 1 } });
  return versions[0]?.version ?? 0;
}

const diff: CommandSpec = {
  name: "diff",
  summary: "Key-by-key difference between two versions (default: the previous one → the latest)",
  usage: "[--from <version>] [--to <version>] [-e <environment>]",
  description: "Versions are the numbers `config history` shows; --from 0 is the empty start.",
  options: {
    ...environmentOption("production"),
    from: { type: "string", value: "version", description: "Older version (default: the one before --to)" },
    to: { type: "string", value: "version", description: "Newer version (default: the latest)" },
  },
  examples: ["llmguard config diff -e production", "llmguard config diff --from 12 --to 15 -e staging"],
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, 0, 0, "llmguard config diff");
    const environment = stringOpt(values, "environment") ?? "production";
    const fromArg = stringOpt(values, "from");
    const toArg = stringOpt(values, "to");
    let to = toArg === undefined ? undefined : parseIntArg("--to", toArg);
    if (to === undefined) {
      const { versions } = await ctx.userApi().call<{ versions: ConfigVersionSummary[] }>("GET", configPath(ctx, environment, "/versions"), { auth: "user", query: { limit: 1 } });
      to = versions[0]?.version;
      if (to === undefined) {
        if (ctx.out.json) return ctx.out.data({ environment, from: 0, to: 0, changes: [] });
        return ctx.out.line(`${environment} has no versions yet.`);
      }
    }
    const from = fromArg === undefined ? await previousVersion(ctx, environment, to) : parseIntArg("--from", fromArg, { min: 0 });
    const d = await ctx.userApi().call<ConfigDiff>("GET", configPath(ctx, environment, "/diff"), { auth: "user", query: { from, to } });
    if (ctx.out.json) return ctx.out.data(d);
    ctx.out.note(`${environment}: version ${d.from} → ${d.to}`);
    if (d.changes.length === 0) return ctx.out.line("No differences.");
    for (const c of d.changes) {
      if (c.kind === "added") ctx.out.line(ctx.out.style("green", `+ ${c.key} = ${cell(c.after)}`));
      else if (c.kind === "removed") ctx.out.line(ctx.out.style("red", `- ${c.key} (was ${cell(c.before)})`));
      else ctx.out.line(ctx.out.style("yellow", `~ ${c.key}: ${cell(c.before)} → ${cell(c.after)}`));
    }
  },
};

const environments: CommandSpec = {
  name: "environments",
  summary: "List the project's environments",
  async run(ctx, { positionals }) {
    expectPositionals(positionals, 0, 0, "llmguard config environments");
    const { environments } = await ctx.userApi().call<{ environments: EnvironmentView[] }>("GET", `/api/v1/projects/${seg(ctx.projectId())}/environments`, { auth: "user" });
    if (ctx.out.json) return ctx.out.data({ environments });
    ctx.out.table(
      ["NAME", "PROTECTED", "VERSION", "KEYS", "UPDATED"],
      environments.map((e) => [e.name, e.protected ? "yes" : "no", String(e.version), String(e.keys), e.updatedAt ? when(e.updatedAt) : "—"]),
    );
  },
};

export const config: CommandSpec = {
  name: "config",
  summary: "Read and change the versioned config (get, set, diff, history, restore)",
  description: "Every change is an immutable version; base feeds every environment, which override it key by key.",
  subcommands: [get, set, diff, history, restore, environments],
};
