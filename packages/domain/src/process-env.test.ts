import path from "node:path";
import { DEFAULT_PGLITE_DIR, repoRoot } from "@llmguard/db/paths";
import { describe, expect, it } from "vitest";
import { loadServerEnv } from "./env";
import { loadProcessEnv } from "./process-env.mjs";

const secrets = {
  JWT_SECRET: "test-jwt-secret-test-jwt-secret-test-jwt-secret",
  API_KEY_PEPPER: "test-pepper-test-pepper-test-pepper-test-pepper",
  SECRETS_MASTER_KEY: "test-master-key-test-master-key-test-master-key",
};

describe("process environment (server.mjs's PORT, HOSTNAME, SHUTDOWN_TIMEOUT_MS, LOG_LEVEL)", () => {
  it("uses the documented defaults when the variables are unset or empty", () => {
    const expected = { PORT: 3000, HOSTNAME: "0.0.0.0", SHUTDOWN_TIMEOUT_MS: 10000, LOG_LEVEL: "info", METRICS_TOKEN: undefined, METRICS_PORT: undefined, METRICS_HOST: "127.0.0.1" };
    expect(loadProcessEnv({})).toStrictEqual(expected);
    expect(loadProcessEnv({ PORT: "", HOSTNAME: "", SHUTDOWN_TIMEOUT_MS: "", LOG_LEVEL: "", METRICS_TOKEN: "", METRICS_PORT: "", METRICS_HOST: "" })).toStrictEqual(expected);
  });

  it("reads valid values", () => {
    expect(loadProcessEnv({ PORT: "0", HOSTNAME: "127.0.0.1", SHUTDOWN_TIMEOUT_MS: "2500", LOG_LEVEL: "warn" })).toEqual({
      PORT: 0,
      HOSTNAME: "127.0.0.1",
      SHUTDOWN_TIMEOUT_MS: 2500,
      LOG_LEVEL: "warn",
      METRICS_HOST: "127.0.0.1",
    });
    expect(loadProcessEnv({ METRICS_TOKEN: "s3cr3t-token.0123456789", METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0" })).toMatchObject({
      METRICS_TOKEN: "s3cr3t-token.0123456789",
      METRICS_PORT: 9464,
      METRICS_HOST: "0.0.0.0",
    });
    expect(loadProcessEnv({ PORT: "65535", HOSTNAME: "::1" })).toMatchObject({ PORT: 65535, HOSTNAME: "::1" });
  });

  it("names every invalid variable in one message", () => {
    let message = "";
    try {
      loadProcessEnv({ PORT: "80a", HOSTNAME: "two words", SHUTDOWN_TIMEOUT_MS: "-5", LOG_LEVEL: "loud" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('PORT must be an integer between 0 and 65535 (got "80a")');
    expect(message).toContain('HOSTNAME must be a host name or IP address');
    expect(message).toContain('SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds between 1 and 600000 (got "-5")');
    expect(message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")');
  });

  it.each([
    ["PORT", "65536"],
    ["PORT", "3000.5"],
    ["SHUTDOWN_TIMEOUT_MS", "0"],
    ["LOG_LEVEL", "INFO"],
    ["METRICS_TOKEN", "short"],
    ["METRICS_TOKEN", "has a space in it 0123456789"],
    ["METRICS_PORT", "0"],
    ["METRICS_PORT", "70000"],
    ["METRICS_PORT", "9464x"],
    ["METRICS_HOST", "two words"],
  ])("refuses %s=%s", (name, value) => {
    expect(() => loadProcessEnv({ [name]: value })).toThrow(name);
  });

  it("refuses METRICS_PORT equal to PORT, and never repeats the token in its message", () => {
    expect(() => loadProcessEnv({ PORT: "3000", METRICS_PORT: "3000" })).toThrow("METRICS_PORT must differ from PORT (both are 3000)");
    expect(() => loadProcessEnv({ METRICS_PORT: "3000" })).toThrow("METRICS_PORT must differ from PORT");
    let message = "";
    try {
      loadProcessEnv({ METRICS_TOKEN: "leaky token 0123456789" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("METRICS_TOKEN must be 16–512 characters");
    expect(message).not.toContain("leaky");
  });

  it("is part of the server environment, with the same rules", () => {
    expect(loadServerEnv({ ...secrets, PORT: "4000", LOG_LEVEL: "debug" })).toMatchObject({ PORT: 4000, HOSTNAME: "0.0.0.0", SHUTDOWN_TIMEOUT_MS: 10000, LOG_LEVEL: "debug" });
    expect(() => loadServerEnv({ ...secrets, LOG_LEVEL: "loud" })).toThrow('LOG_LEVEL: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")');
    expect(() => loadServerEnv({ ...secrets, PORT: "-1" })).toThrow("PORT: PORT must be an integer between 0 and 65535");
    expect(loadServerEnv({ ...secrets, METRICS_PORT: "9464" })).toMatchObject({ METRICS_PORT: 9464, METRICS_HOST: "127.0.0.1" });
    expect(() => loadServerEnv({ ...secrets, METRICS_PORT: "0" })).toThrow("METRICS_PORT: METRICS_PORT must be an integer between 1 and 65535");
  });
});

describe("PGLITE_DIR", () => {
  it("defaults to <repo root>/.data/pglite, an absolute path", () => {
    expect(DEFAULT_PGLITE_DIR).toBe(path.join(repoRoot, ".data", "pglite"));
    expect(path.isAbsolute(DEFAULT_PGLITE_DIR)).toBe(true);
    expect(loadServerEnv(secrets).PGLITE_DIR).toBe(DEFAULT_PGLITE_DIR);
    expect(loadServerEnv({ ...secrets, PGLITE_DIR: "" }).PGLITE_DIR).toBe(DEFAULT_PGLITE_DIR);
  });

  it("takes a relative value from the current directory and keeps an absolute one", () => {
    expect(loadServerEnv({ ...secrets, PGLITE_DIR: "tmp/db" }).PGLITE_DIR).toBe(path.join(process.cwd(), "tmp", "db"));
    expect(loadServerEnv({ ...secrets, PGLITE_DIR: "/var/lib/llmguard" }).PGLITE_DIR).toBe("/var/lib/llmguard");
  });
});
