export * from "./datadog";
