export * from "./datadog.schema";
export { configureDatadog, getDatadogIntegration, receiveDatadogAlert } from "./datadog.service";
export { parseDatadogPayload, splitDatadogTitle, datadogSeverity, DatadogPayloadSchema, DATADOG_TRANSITIONS, type DatadogAlert, type DatadogEffect, type DatadogPriority, type DatadogTransition } from "./datadog-payload";
export { verifyDatadogCredentials, verifySignature, signDatadogBody, parseSignatureHeader, basicCredentials, type DatadogCredentials, type DatadogAuthMethod } from "./datadog-auth";
