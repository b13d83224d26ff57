/** The few REST calls the benchmark makes to set itself up, as an SDK user or the CLI would. */
export class Api {
  constructor(readonly origin: string) {}

  async call<T>(method: string, path: string, opts: { body?: unknown; token?: string; apiKey?: string; expect?: number } = {}): Promise<T> {
    const headers: Record<string, string> = {};
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.apiKey) headers["x-api-key"] = opts.apiKey;
    const res = await fetch(`${this.origin}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    if (res.status !== (opts.expect ?? 200)) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  async register(email: string, password: string): Promise<void> {
    await this.call("POST", "/api/v1/auth/register", { body: { email, password, name: "Bench" }, expect: 201 });
  }

  async login(email: string, password: string): Promise<string> {
    const r = await this.call<{ accessToken: string }>("POST", "/api/v1/auth/login", { body: { email, password } });
    return r.accessToken;
  }

  /** Creates a project with its first API key and raises its ingest rate limit to the maximum. */
  async createProject(token: string, name: string): Promise<{ projectId: string; apiKey: string }> {
    const r = await this.call<{ project: { id: string }; apiKey: { key: string } }>("POST", "/api/v1/projects", { token, body: { name }, expect: 201 });
    await this.call("PATCH", `/api/v1/projects/${r.project.id}/settings`, { token, body: { rateLimit: 1_000_000, message: "benchmark" } });
    return { projectId: r.project.id, apiKey: r.apiKey.key };
  }

  /** An additional API key with the given scopes (e.g. `config:read`, `secrets:read`); the key is returned once. */
  async createApiKey(token: string, projectId: string, name: string, scopes: string[]): Promise<{ keyId: string; key: string }> {
    const r = await this.call<{ id: string; key: string }>("POST", `/api/v1/projects/${projectId}/api-keys`, { token, body: { name, scopes }, expect: 201 });
    return { keyId: r.id, key: r.key };
  }

  async putSecret(token: string, projectId: string, name: string, value: string, rotationDays?: number): Promise<void> {
    await this.call("PUT", `/api/v1/projects/${projectId}/secrets/${encodeURIComponent(name)}`, { token, body: { value, ...(rotationDays ? { rotationDays } : {}) } });
  }

  /** `PUT /api/v1/projects/{id}/config/{environment}`: one new version; returns its number (a project revision). */
  async putConfig(token: string, projectId: string, environment: string, values: Record<string, unknown>, message?: string): Promise<{ version: number }> {
    const r = await this.call<{ version: number }>("PUT", `/api/v1/projects/${projectId}/config/${environment}`, { token, body: { values, ...(message ? { message } : {}) } });
    return { version: r.version };
  }
}
