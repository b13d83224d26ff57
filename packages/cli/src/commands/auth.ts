import { stringOpt } from "../args.js";
import { checkProjectId, type Context } from "../context.js";
import { CliError, EXIT, usageError } from "../errors.js";
import { seg } from "../http.js";
import { stripFinalNewline } from "../prompt.js";
import type { Profile, TokenPair, WhoAmI } from "../api-types.js";
import type { CommandSpec } from "./types.js";

async function readPassword(ctx: Context, fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const pw = stripFinalNewline(await ctx.input.readAll());
    if (!pw) throw usageError("--password-stdin: stdin was empty");
    return pw;
  }
  if (ctx.env.LLMGUARD_PASSWORD) return ctx.env.LLMGUARD_PASSWORD;
  if (ctx.input.isTTY) {
    const pw = await ctx.input.secret("Password: ");
    if (pw) return pw;
  }
  throw usageError("No password", "Pipe it with --password-stdin (e.g. `llmguard login --email you@example.com --password-stdin < pw.txt`) or set LLMGUARD_PASSWORD.");
}

export const login: CommandSpec = {
  name: "login",
  summary: "Log in and save the session for the next commands",
  usage: "[--email <address>] [--password-stdin] [--project <id>]",
  description: [
    "On a terminal, asks for the e-mail and the password (hidden). Elsewhere (scripts, CI) pass --email",
    "(or LLMGUARD_EMAIL) and the password on stdin with --password-stdin (or in LLMGUARD_PASSWORD).",
    "Saves the server URL, the e-mail and the access and refresh tokens to",
    "$LLMGUARD_CONFIG_DIR/credentials.json (default ~/.config/llmguard, mode 0600). The access token is",
    "refreshed automatically when it expires. --project also saves a default project (see `llmguard use`).",
  ].join("\n"),
  options: {
    email: { type: "string", value: "address", description: "Account e-mail (default: $LLMGUARD_EMAIL, else asked on a terminal)" },
    "password-stdin": { type: "boolean", description: "Read the password from stdin (one trailing newline is removed)" },
  },
  examples: ["llmguard login", "llmguard login --url https://llmguard.example.com --email ada@example.com --password-stdin < ~/.llmguard-pw", "llmguard login --project 3f0c…"],
  async run(ctx, { values }) {
    let email = stringOpt(values, "email") ?? ctx.env.LLMGUARD_EMAIL;
    if (!email && ctx.input.isTTY && !values["password-stdin"]) email = (await ctx.input.question("E-mail: "))?.trim() || undefined;
    if (!email) throw usageError("No e-mail", "Pass --email <address> or set LLMGUARD_EMAIL.");
    const password = await readPassword(ctx, values["password-stdin"] === true);
    const pair = await ctx.keyApi().call<TokenPair>("POST", "/api/v1/auth/login", { auth: "none", body: { email, password } });

    const flagged = stringOpt(values, "project");
    let projectId = flagged ? checkProjectId(flagged) : ctx.credentials?.projectId;
    if (flagged) {
      // Check it before saving it: a typo would otherwise fail every later command.
      const headers = { authorization: `Bearer ${pair.accessToken}` };
      await ctx.keyApi().call("GET", `/api/v1/projects/${seg(flagged)}`, { auth: "none", headers });
      projectId = flagged;
    }
    await ctx.saveCredentials({ url: ctx.url, email, accessToken: pair.accessToken, refreshToken: pair.refreshToken, ...(projectId ? { projectId } : {}) });
    if (ctx.out.json) return ctx.out.data({ url: ctx.url, email, projectId: projectId ?? null });
    ctx.out.line(`Logged in to ${ctx.url} as ${email}.`);
    if (projectId) ctx.out.line(`Project: ${projectId}`);
    else ctx.out.note("Choose a project with `llmguard use <id>` (`llmguard projects` lists them), or pass --project.");
  },
};

export const logout: CommandSpec = {
  name: "logout",
  summary: "Revoke the session on the server and forget its tokens",
  description: "The saved default project is kept. Exits 6 (after forgetting the tokens) when the server could not be told.",
  async run(ctx) {
    const creds = ctx.credentials;
    if (!creds?.accessToken) {
      if (ctx.out.json) return ctx.out.data({ ok: true, revoked: false });
      return ctx.out.line(`Not logged in to ${ctx.url}.`);
    }
    let failure: CliError | null = null;
    try {
      await ctx.keyApi().call("POST", "/api/v1/auth/logout", {
        auth: "none",
        headers: { authorization: `Bearer ${creds.accessToken}` },
        body: creds.refreshToken ? { refreshToken: creds.refreshToken } : {},
      });
    } catch (err) {
      // Already expired or revoked: nothing left to revoke. Anything else is reported after forgetting the tokens.
      if (!(err instanceof CliError) || err.exitCode !== EXIT.AUTH) failure = err instanceof CliError ? err : new CliError(String(err), { exitCode: EXIT.ERROR, code: "INTERNAL" });
    }
    await ctx.saveCredentials({ url: creds.url, ...(creds.projectId ? { projectId: creds.projectId } : {}) });
    if (failure) {
      ctx.out.warn("The tokens were removed from this machine, but the server could not revoke the session.");
      throw failure;
    }
    if (ctx.out.json) return ctx.out.data({ ok: true, revoked: true });
    ctx.out.line(`Logged out of ${ctx.url}.`);
  },
};

export const whoami: CommandSpec = {
  name: "whoami",
  summary: "Show the logged-in user (or, with only an API key, the key's project and scopes)",
  options: { "api-key": { type: "string", value: "key", description: "A project API key to describe when not logged in (default: $LLMGUARD_API_KEY)" } },
  async run(ctx, { values }) {
    const apiKey = stringOpt(values, "api-key") ?? ctx.env.LLMGUARD_API_KEY;
    if (!ctx.hasUserSession() && apiKey) {
      const key = await ctx.keyApi(apiKey).call<WhoAmI>("GET", "/api/v1/whoami", { auth: "apiKey" });
      if (ctx.out.json) return ctx.out.data({ url: ctx.url, apiKey: key });
      ctx.out.line(`API key ${key.keyId} of project ${key.projectId} on ${ctx.url}`);
      return ctx.out.line(`Scopes: ${key.scopes.join(", ")}`);
    }
    const me = await ctx.userApi().call<Profile>("GET", "/api/v1/me", { auth: "user" });
    let projectId: string | null = null;
    try {
      projectId = ctx.projectId();
    } catch {
      projectId = null;
    }
    if (ctx.out.json) return ctx.out.data({ url: ctx.url, user: me, projectId });
    ctx.out.line(`${me.email}${me.name ? ` (${me.name})` : ""} on ${ctx.url}`);
    ctx.out.line(`Project: ${projectId ?? "none selected (llmguard use <id>)"}`);
  },
};
