// The variables of the Node process itself, read by apps/web/server.mjs before anything else starts
// (where to listen, how long to drain, how much to log). Each variable has one parser here: server.mjs
// calls loadProcessEnv (it is plain Node, without a build step, and imports this file as
// @llmguard/domain/process-env), and env.ts puts the same parsers into ServerEnvSchema, so the one
// validated environment agrees with what the server started with. Types in process-env.d.mts.

export const LOG_LEVELS = Object.freeze(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

const unset = (value) => value === undefined || value === "";

/** PORT: 0–65535 (0 = any free port); unset or empty = 3000. */
export function parsePort(value) {
  if (unset(value)) return 3000;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) throw new Error(`PORT must be an integer between 0 and 65535 (got "${value}")`);
  return Number(value);
}

/** HOSTNAME: the address to listen on, a host name or an IP address; unset or empty = 0.0.0.0 (every interface). */
export function parseHostname(value) {
  if (unset(value)) return "0.0.0.0";
  if (!/^[A-Za-z0-9._:%-]{1,253}$/.test(value)) {
    throw new Error(`HOSTNAME must be a host name or IP address to listen on, such as 0.0.0.0 or 127.0.0.1 (got "${value}")`);
  }
  return value;
}

/** SHUTDOWN_TIMEOUT_MS: how long a shutdown waits for in-flight requests (and each clean-up); unset or empty = 10000. */
export function parseShutdownTimeoutMs(value) {
  if (unset(value)) return 10_000;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1 || Number(value) > 600_000) {
    throw new Error(`SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds between 1 and 600000 (got "${value}")`);
  }
  return Number(value);
}

/** LOG_LEVEL: one of LOG_LEVELS; unset or empty = info. */
export function parseLogLevel(value) {
  if (unset(value)) return "info";
  if (!LOG_LEVELS.includes(value)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got "${value}")`);
  return value;
}

/**
 * METRICS_TOKEN: the bearer token that GET /metrics on the public port requires (docs/observability.md);
 * unset or empty = /metrics is not served on the public port. At least 16 characters of a bearer token's
 * alphabet, so a short guessable value never guards the scrape.
 */
export function parseMetricsToken(value) {
  if (unset(value)) return undefined;
  if (!/^[A-Za-z0-9._~+/=-]{16,512}$/.test(value)) {
    throw new Error("METRICS_TOKEN must be 16–512 characters of A–Z, a–z, 0–9 and . _ ~ + / = - (a bearer token; the value is not shown)");
  }
  return value;
}

/** METRICS_PORT: a second port that serves only GET /metrics, without a token (a private scrape); unset or empty = none. */
export function parseMetricsPort(value) {
  if (unset(value)) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 65_535) throw new Error(`METRICS_PORT must be an integer between 1 and 65535 (got "${value}")`);
  return Number(value);
}

/** METRICS_HOST: the address METRICS_PORT listens on; unset or empty = 127.0.0.1 (this machine only). */
export function parseMetricsHost(value) {
  if (unset(value)) return "127.0.0.1";
  if (!/^[A-Za-z0-9._:%-]{1,253}$/.test(value)) {
    throw new Error(`METRICS_HOST must be a host name or IP address to listen on, such as 127.0.0.1 or 0.0.0.0 (got "${value}")`);
  }
  return value;
}

/** Every process variable with its parser. */
export const PROCESS_ENV_PARSERS = Object.freeze({
  PORT: parsePort,
  HOSTNAME: parseHostname,
  SHUTDOWN_TIMEOUT_MS: parseShutdownTimeoutMs,
  LOG_LEVEL: parseLogLevel,
  METRICS_TOKEN: parseMetricsToken,
  METRICS_PORT: parseMetricsPort,
  METRICS_HOST: parseMetricsHost,
});

/**
 * Parses the process variables of `source`; throws one readable message naming every invalid variable
 * (the same wording as loadServerEnv in env.ts).
 */
export function loadProcessEnv(source) {
  const out = {};
  const problems = [];
  for (const [name, parse] of Object.entries(PROCESS_ENV_PARSERS)) {
    try {
      out[name] = parse(source[name]);
    } catch (err) {
      problems.push(`  - ${name}: ${err.message}`);
    }
  }
  if (out.METRICS_PORT !== undefined && out.METRICS_PORT === out.PORT) {
    problems.push(`  - METRICS_PORT: METRICS_PORT must differ from PORT (both are ${out.PORT})`);
  }
  if (problems.length > 0) throw new Error(`Invalid environment configuration:\n${problems.join("\n")}\nSee .env.example.`);
  return Object.freeze(out);
}
