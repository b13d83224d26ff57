import { CliError, EXIT, notLoggedIn } from "./errors.js";
import type { TokenPair } from "./api-types.js";
import { loadCredentials, saveCredentials, type Credentials } from "./credentials.js";

/**
 * The user's access token: $LLMGUARD_TOKEN (CI; never refreshed, never saved), else the one saved at
 * login for this server URL. Saved tokens are only ever sent to the server they came from.
 */
export class UserSession {
  constructor(
    private readonly opts: { url: string; envToken?: string; credentialsPath: string; credentials: Credentials | null; onSaved?: (c: Credentials) => void },
  ) {}

  get fromEnv(): boolean {
    return !!this.opts.envToken;
  }

  async token(): Promise<string> {
    if (this.opts.envToken) return this.opts.envToken;
    const c = this.opts.credentials;
    if (!c?.accessToken) throw notLoggedIn(`Not logged in to ${this.opts.url}`);
    if (c.url !== this.opts.url) {
      throw notLoggedIn(`Not logged in to ${this.opts.url} (your saved session is for ${c.url}; it is never sent elsewhere)`);
    }
    return c.accessToken;
  }

  /**
   * After the server rejected `rejected` as INVALID_TOKEN: exchanges the refresh token once (it rotates,
   * so the new pair is saved at once) and returns the new access token. When another llmguard process
   * already refreshed, the file holds a newer token: that one is used, so the two never race on the
   * same refresh token (which the server would treat as reuse and revoke the session).
   */
  async renew(rejected: string, exchange: (refreshToken: string) => Promise<TokenPair>): Promise<string> {
    if (this.opts.envToken) {
      throw new CliError("The access token in LLMGUARD_TOKEN was rejected (expired or revoked)", { exitCode: EXIT.AUTH, code: "INVALID_TOKEN", hint: "Issue a new one with `llmguard login` or POST /api/v1/auth/login." });
    }
    const current = (await loadCredentials(this.opts.credentialsPath)) ?? this.opts.credentials;
    if (current && current.url === this.opts.url && current.accessToken && current.accessToken !== rejected) {
      this.opts.credentials = current;
      this.opts.onSaved?.(current);
      return current.accessToken;
    }
    if (!current?.refreshToken) throw expired();
    let pair: TokenPair;
    try {
      pair = await exchange(current.refreshToken);
    } catch (err) {
      if (err instanceof CliError && err.exitCode === EXIT.AUTH) throw expired();
      throw err;
    }
    const next: Credentials = { ...current, accessToken: pair.accessToken, refreshToken: pair.refreshToken };
    await saveCredentials(this.opts.credentialsPath, next);
    this.opts.credentials = next;
    this.opts.onSaved?.(next);
    return pair.accessToken;
  }
}

function expired(): CliError {
  return new CliError("Your session has expired or was revoked", { exitCode: EXIT.AUTH, code: "INVALID_TOKEN", hint: "Run `llmguard login` again." });
}
