// Server-only entry of @llmguard/domain. The dashboard imports @llmguard/domain/schemas instead.
export * from "./app";
export * from "./env";
export * from "./shared/errors";
export * from "./shared/logger";
export * from "./shared/request-context";
export * from "./audit";
export * from "./auth";
export * from "./users";
export * from "./projects";
export * from "./api-keys";
export * from "./settings";
export * from "./outbox/outbox.service";
export * from "./requests";
export * from "./metrics";
export * from "./pricing";
export * from "./risk";
