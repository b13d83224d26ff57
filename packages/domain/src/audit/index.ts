export * from "./audit.schema";
export * from "./audit.service";
