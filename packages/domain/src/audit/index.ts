export * from "./audit.schema";
export * from "./audit.service";
export * from "./project-audit.service";
