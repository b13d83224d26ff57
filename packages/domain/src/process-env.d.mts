export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export declare const LOG_LEVELS: readonly LogLevel[];

/** The Node process's own variables (see process-env.mjs), parsed. */
export interface ProcessEnv {
  PORT: number;
  HOSTNAME: string;
  SHUTDOWN_TIMEOUT_MS: number;
  LOG_LEVEL: LogLevel;
  /** Bearer token for GET /metrics on the public port; undefined = not served there. */
  METRICS_TOKEN: string | undefined;
  /** The private metrics port (no token); undefined = none. */
  METRICS_PORT: number | undefined;
  /** Where METRICS_PORT listens (default 127.0.0.1). */
  METRICS_HOST: string;
}

export declare function parsePort(value: string | undefined): number;
export declare function parseHostname(value: string | undefined): string;
export declare function parseShutdownTimeoutMs(value: string | undefined): number;
export declare function parseLogLevel(value: string | undefined): LogLevel;
export declare function parseMetricsToken(value: string | undefined): string | undefined;
export declare function parseMetricsPort(value: string | undefined): number | undefined;
export declare function parseMetricsHost(value: string | undefined): string;

export declare const PROCESS_ENV_PARSERS: Readonly<{ [K in keyof ProcessEnv]: (value: string | undefined) => ProcessEnv[K] }>;

/** Parses the process variables of `source`; throws one message naming every invalid variable. */
export declare function loadProcessEnv(source: Record<string, string | undefined>): Readonly<ProcessEnv>;
