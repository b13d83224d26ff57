import { expectPositionals, stringOpt, type OptionSpecs } from "../args.js";
import type { AuditEntry, AuditVerification } from "../api-types.js";
import type { Context } from "../context.js";
import { CliError, EXIT } from "../errors.js";
import { seg } from "../http.js";
import { when } from "../output.js";
import { parseIntArg } from "../values.js";
import type { CommandSpec } from "./types.js";

const auditPath = (ctx: Context, rest = "") => `/api/v1/projects/${seg(ctx.projectId())}/audit${rest}`;

const filterOptions: OptionSpecs = {
  action: { type: "string", value: "action", description: "Only this action, or a family ending in '.' (secret.)" },
  since: { type: "string", value: "date", description: "Only entries at or after this date (ISO 8601)" },
  until: { type: "string", value: "date", description: "Only entries at or before this date (ISO 8601)" },
};

const filters = (values: Record<string, unknown>) => ({
  action: values.action as string | undefined,
  from: values.since as string | undefined,
  to: values.until as string | undefined,
});

/** The entry a broken chain names, for a readable report (best effort: the report stands without it). */
async function findEntry(ctx: Context, seq: number): Promise<AuditEntry | undefined> {
  try {
    const { entries } = await ctx.userApi().call<{ entries: AuditEntry[] }>("GET", auditPath(ctx), { auth: "user", query: { beforeSeq: seq + 1, limit: 1 } });
    return entries.find((e) => e.seq === seq);
  } catch {
    return undefined;
  }
}

const verify: CommandSpec = {
  name: "verify",
  summary: "Recompute the project's audit hash chain; exits 7 naming the first altered entry",
  description: "Needs the admin role. Every entry's hash covers its content and the previous hash, so editing, removing or reordering any entry breaks the chain from there on.",
  examples: ["llmguard audit verify", "llmguard audit verify --json"],
  async run(ctx, { positionals }) {
    expectPositionals(positionals, 0, 0, "llmguard audit verify");
    const v = await ctx.userApi().call<AuditVerification>("GET", auditPath(ctx, "/verify"), { auth: "user" });
    const broken = v.firstBroken;
    const entry = broken?.id ? await findEntry(ctx, broken.seq) : undefined;
    if (ctx.out.json) {
      ctx.out.data(entry ? { ...v, entry } : v);
      return v.ok ? EXIT.OK : EXIT.AUDIT_BROKEN;
    }
    if (!broken) {
      ctx.out.line(`${ctx.out.style("green", "OK")} audit chain ${v.chain}: ${v.entries} entries, every hash matches.`);
      return v.ok ? EXIT.OK : EXIT.AUDIT_BROKEN;
    }
    const name = broken.id ? `entry #${broken.seq} (id ${broken.id})` : `after entry #${broken.seq - 1}`;
    ctx.out.line(`${ctx.out.style("red", "BROKEN")} audit chain ${v.chain} at ${name}: ${broken.reason}`);
    if (entry) ctx.out.line(`  ${entry.action} at ${when(entry.createdAt)}${entry.actorId ? ` by ${entry.actorId}` : ""}${entry.targetId ? ` on ${entry.targetType ?? ""} ${entry.targetId}` : ""}`);
    ctx.out.line(`  ${v.entries} entries checked; everything from this entry on is untrusted.`);
    return EXIT.AUDIT_BROKEN;
  },
};

const list: CommandSpec = {
  name: "list",
  summary: "Show the newest audit entries (admin)",
  usage: "[--limit <n>] [--action <action>] [--since <date>] [--until <date>]",
  options: { ...filterOptions, limit: { type: "string", value: "n", description: "How many (1–200, default 20)" } },
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, 0, 0, "llmguard audit list");
    const limit = parseIntArg("--limit", stringOpt(values, "limit") ?? "20", { min: 1, max: 200 });
    const { entries } = await ctx.userApi().call<{ entries: AuditEntry[] }>("GET", auditPath(ctx), { auth: "user", query: { limit, ...filters(values) } });
    if (ctx.out.json) return ctx.out.data({ entries });
    if (entries.length === 0) return ctx.out.line("No audit entries match.");
    ctx.out.table(
      ["SEQ", "TIME", "ACTION", "ACTOR", "TARGET"],
      entries.map((e) => [String(e.seq), when(e.createdAt), e.action, e.actorId ?? "—", e.targetId ? `${e.targetType ?? ""} ${e.targetId}`.trim() : "—"]),
    );
  },
};

const exportAudit: CommandSpec = {
  name: "export",
  summary: "Write the audit trail as JSON Lines, oldest first, with hashes for offline verification (admin)",
  usage: "[--action <action>] [--since <date>] [--until <date>] > audit.jsonl",
  options: filterOptions,
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, 0, 0, "llmguard audit export");
    const res = await ctx.userApi().stream("GET", auditPath(ctx, "/export"), { auth: "user", query: filters(values) });
    if (!res.body) return;
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        ctx.out.raw(decoder.decode(value, { stream: true }));
      }
    } catch (err) {
      throw new CliError("The export was cut off before the end", { exitCode: EXIT.UNREACHABLE, code: "SERVER_UNREACHABLE", cause: err });
    }
    ctx.out.raw(decoder.decode());
  },
};

export const audit: CommandSpec = {
  name: "audit",
  summary: "Verify, list and export the project's hash-chained audit log",
  subcommands: [verify, list, exportAudit],
};
