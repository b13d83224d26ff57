import type { NextConfig } from "next";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The repo root, so file tracing and Turbopack see the workspace packages and the hoisted store.
  outputFileTracingRoot: path.join(here, "../.."),
  turbopack: { root: path.join(here, "../..") },
  // Workspace packages export TypeScript source; Next compiles them.
  transpilePackages: ["@llmguard/api", "@llmguard/domain", "@llmguard/db", "@llmguard/jobs", "@llmguard/guard"],
  // Loaded with Node's require at run time instead of being bundled: native/wasm assets, worker
  // threads, dynamic requires, or a process-wide singleton the custom server shares.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "@prisma/driver-adapter-utils",
    "pg",
    "pino",
    "thread-stream",
    "bcryptjs",
    "ioredis",
    "nodemailer",
    "rate-limiter-flexible",
    // One copy with server.mjs's: the cluster worker's IPC listener and the registry class are module state.
    "prom-client",
  ],
};

export default nextConfig;
