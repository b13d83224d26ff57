#!/usr/bin/env node
import { processEnv } from "./env.js";
import { run } from "./run.js";

// `llmguard audit export | head -1`: the reader went away; that is the end of the output, not a crash.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});

// The exit code is set, not forced with process.exit(), so piped stdout is fully written first.
process.exitCode = await run(process.argv.slice(2), { env: processEnv(), stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
