export * from "./project.schema";
export * from "./permissions";
export * from "./project.service";
export * from "./member.service";
