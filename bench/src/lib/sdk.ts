import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The part of `@llmguard/sdk` the config benchmarks use (packages/sdk/src/config/config-client.ts),
 * typed here and checked at load time: the benchmark imports the SDK's TypeScript source of this
 * checkout at run time (through tsx, which runs the harness) rather than its `dist/`, so it measures the
 * code as it is now without a workspace dependency or an SDK build.
 */
export interface SdkConfigChange {
  version: number;
  previousVersion: number | null;
  changedKeys: string[];
}

export interface SdkConfigClient {
  readonly environment: string;
  readonly version: number | null;
  ready(options?: { timeoutMs?: number }): Promise<void>;
  get(key: string): unknown;
  getAll(): Readonly<Record<string, unknown>>;
  secret(name: string): { value: string; previous?: string } | undefined;
  onChange(listener: (change: SdkConfigChange) => void): () => void;
  close(): Promise<void>;
}

export interface SdkGuard {
  readonly config: SdkConfigClient;
  shutdown(): Promise<void>;
}

export interface SdkModule {
  LLMGuard: new (options: { apiKey: string; baseUrl: string; handleProcessExit?: boolean; onError?: (e: Error) => void; config?: { environment?: string; stream?: boolean; pollIntervalMs?: number; onError?: (e: Error) => void } }) => SdkGuard;
  ConfigClient: new (options: { apiKey: string; baseUrl: string; environment?: string; stream?: boolean; pollIntervalMs?: number; onError?: (e: Error) => void }) => SdkConfigClient;
  SDK_VERSION?: string;
}

export async function loadSdk(repoRoot: string): Promise<SdkModule> {
  const entry = path.join(repoRoot, "packages", "sdk", "src", "index.ts");
  if (!existsSync(entry)) throw new Error(`the SDK source is missing (${entry})`);
  const mod = (await import(pathToFileURL(entry).href)) as Partial<SdkModule>;
  if (typeof mod.ConfigClient !== "function" || typeof mod.LLMGuard !== "function") {
    throw new Error("@llmguard/sdk does not export ConfigClient and LLMGuard (yet): the config SDK benchmarks need packages/sdk/src/config/");
  }
  const proto = mod.ConfigClient.prototype as Record<string, unknown>;
  for (const m of ["ready", "get", "onChange", "close"]) if (typeof proto[m] !== "function") throw new Error(`ConfigClient has no ${m}() method`);
  return mod as SdkModule;
}
