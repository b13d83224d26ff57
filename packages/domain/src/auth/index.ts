export * from "./auth.schema";
export * from "./auth.service";
export * from "./password-reset.service";
export { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS } from "./tokens";
