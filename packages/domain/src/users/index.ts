export * from "./user.schema";
export * from "./user.service";
