#!/usr/bin/env node
// `npm run up`: the one command for a fresh machine. Needs only Node >= 20.19 and npm.
// Makes pnpm 10.34.8 usable, installs, builds and starts LLMGuard on the embedded database
// (or on DATABASE_URL when set). Ctrl+C stops the server gracefully.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./lib/runtime.mjs";

const PNPM_VERSION = "10.34.8";
const PNPM_MAJOR = PNPM_VERSION.split(".")[0];
const isWindows = process.platform === "win32";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`LLMGuard needs Node.js >= 20.19 (this is ${process.versions.node}).`);
  process.exit(1);
}

/** Returns the version `cmd args --version` prints, or undefined when it cannot run. */
function versionOf(cmd, args = []) {
  const r = spawnSync(cmd, [...args, "--version"], { encoding: "utf8", shell: isWindows, stdio: ["ignore", "pipe", "ignore"] });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function ensurePnpm() {
  const onPath = versionOf("pnpm");
  if (onPath?.split(".")[0] === PNPM_MAJOR) return { cmd: "pnpm", args: [], version: onPath };
  console.log(onPath ? `pnpm ${onPath} found; installing pnpm@${PNPM_VERSION} ...` : `Installing pnpm@${PNPM_VERSION} ...`);
  const npm = spawnSync("npm", ["install", "-g", `pnpm@${PNPM_VERSION}`], { stdio: "inherit", shell: isWindows });
  if (npm.status === 0) {
    const installed = versionOf("pnpm");
    if (installed?.split(".")[0] === PNPM_MAJOR) return { cmd: "pnpm", args: [], version: installed };
  }
  // No permission for a global install (or the global bin is not on PATH): run it through npx.
  console.log(`Falling back to npx pnpm@${PNPM_VERSION}.`);
  const viaNpx = versionOf("npx", ["-y", `pnpm@${PNPM_VERSION}`]);
  if (viaNpx) return { cmd: "npx", args: ["-y", `pnpm@${PNPM_VERSION}`], version: viaNpx };
  console.error(`Could not run pnpm ${PNPM_VERSION}. Install it with \`npm install -g pnpm@${PNPM_VERSION}\` and retry.`);
  process.exit(1);
}

const pnpm = ensurePnpm();

/** Runs one pnpm step with inherited stdio; stops everything when it fails. */
function step(title, args) {
  const started = Date.now();
  console.log(`\n> pnpm ${args.join(" ")}   (${title})`);
  const r = spawnSync(pnpm.cmd, [...pnpm.args, ...args], { cwd: repoRoot, stdio: "inherit", shell: isWindows });
  if (r.status !== 0) {
    console.error(`\n${title} failed (${r.signal ? `signal ${r.signal}` : `exit ${r.status}`}).`);
    process.exit(r.status ?? 1);
  }
  console.log(`${title} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

step("install", ["install", "--frozen-lockfile"]);
step("build", ["build"]);

// `pnpm start` runs `node server.mjs` in apps/web. It is started directly rather than through pnpm:
// pnpm 10 does not pass SIGTERM on to a script's children (the server was left running, orphaned),
// and only a direct child lets us wait for the graceful shutdown to finish.
console.log("\n> pnpm start   (node apps/web/server.mjs)");
const child = spawn(process.execPath, ["server.mjs"], { cwd: path.join(repoRoot, "apps", "web"), stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    // Ctrl+C in a terminal reaches the server too; it ignores the repeat. Forwarding is for supervisors.
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on("error", (err) => {
  console.error(`Could not start the server: ${err.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1)));
