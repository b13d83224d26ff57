/** The one place the CLI reads the process environment; everything else gets `env` passed in (tests pass their own). */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}
