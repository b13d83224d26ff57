export * from "./api-key.schema";
export { listApiKeys, createApiKey, rotateApiKey, deleteApiKey, authenticateApiKey, type ApiKeyPrincipal } from "./api-key.service";
