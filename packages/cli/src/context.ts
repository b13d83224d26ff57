import { stringOpt, type ParsedArgs } from "./args.js";
import { credentialsPath, loadCredentials, saveCredentials, type Credentials } from "./credentials.js";
import { isUuid, readEnv, type CliEnv } from "./env.js";
import { notLoggedIn, usageError } from "./errors.js";
import { Api, normalizeBaseUrl } from "./http.js";
import type { RunIo } from "./io.js";
import type { Output } from "./output.js";
import type { Input } from "./prompt.js";
import { UserSession } from "./session.js";

export const DEFAULT_URL = "http://localhost:3000";

export function checkProjectId(id: string): string {
  if (!isUuid(id)) throw usageError(`'${id}' is not a project id (a UUID)`, "List your projects with `llmguard projects`.");
  return id;
}

/** What every command gets: resolved global options, output, stdin, the saved credentials and API clients. */
export class Context {
  /** The environment variables the CLI reads, validated (env.ts). */
  readonly env: CliEnv;
  readonly url: string;
  readonly credentialsPath: string;
  /** The saved credentials when they belong to `url` (a session for another server is never used here). */
  credentials: Credentials | null;
  /** The credentials file as it is, whichever server it is for. */
  readonly savedCredentials: Credentials | null;

  private constructor(
    readonly io: RunIo,
    readonly out: Output,
    readonly input: Input,
    readonly args: ParsedArgs,
    readonly commandName: string,
    init: { env: CliEnv; url: string; path: string; saved: Credentials | null },
  ) {
    this.env = init.env;
    this.url = init.url;
    this.credentialsPath = init.path;
    this.savedCredentials = init.saved;
    this.credentials = init.saved && init.saved.url === init.url ? init.saved : null;
  }

  static async create(io: RunIo, out: Output, input: Input, args: ParsedArgs, commandName: string): Promise<Context> {
    const env = readEnv(io.env ?? {});
    const path = credentialsPath(env);
    let saved: Credentials | null = null;
    try {
      saved = await loadCredentials(path);
    } catch (err) {
      out.warn(`${(err as Error).message}; ignoring it`);
    }
    const url = normalizeBaseUrl(stringOpt(args.values, "url") ?? env.LLMGUARD_URL ?? saved?.url ?? DEFAULT_URL);
    return new Context(io, out, input, args, commandName, { env, url, path, saved });
  }

  /** --project, else $LLMGUARD_PROJECT, else the project chosen with `llmguard use` / `login --project`. */
  projectId(): string {
    const id = stringOpt(this.args.values, "project") ?? this.env.LLMGUARD_PROJECT ?? this.credentials?.projectId;
    if (!id) {
      // A fresh machine: logging in comes first, and `login --project` then answers both.
      if (!this.hasUserSession()) throw notLoggedIn(`Not logged in to ${this.url}`);
      throw usageError("No project selected", "Pass --project <id>, set LLMGUARD_PROJECT, or run `llmguard use <id>` (`llmguard projects` lists them).");
    }
    return checkProjectId(id);
  }

  /** True when a user access token is available ($LLMGUARD_TOKEN or a saved session for this server). */
  hasUserSession(): boolean {
    return !!this.env.LLMGUARD_TOKEN || !!this.credentials?.accessToken;
  }

  /** The REST API as the logged-in user. */
  userApi(): Api {
    const session = new UserSession({ url: this.url, envToken: this.env.LLMGUARD_TOKEN, credentialsPath: this.credentialsPath, credentials: this.credentials ?? this.savedCredentials, onSaved: (c) => (this.credentials = c) });
    return new Api(this.url, { session, fetch: this.io.fetch });
  }

  /** The REST API with a project API key, or without authentication. */
  keyApi(apiKey?: string): Api {
    return new Api(this.url, { apiKey, fetch: this.io.fetch });
  }

  async saveCredentials(creds: Credentials): Promise<void> {
    await saveCredentials(this.credentialsPath, creds);
    this.credentials = creds;
  }
}
