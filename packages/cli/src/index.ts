export { run, type RunIo } from "./run.js";
export { EXIT, CliError, type ErrorEnvelope } from "./errors.js";
export { toEnvName, toEnvValue, toEnvVariables, quoteDotenv, quoteShell, renderEnv, EXPORT_FORMATS, type ExportFormat } from "./dotenv.js";
export { parseConfigValue, parseAssignments } from "./values.js";
export { CLI_VERSION } from "./version.js";
