export * from "./rules.ts";
export * from "./decide.ts";
export * from "./rate-counter.ts";
export * from "./system-prompt.ts";
export * from "./messages.ts";
