export * from "./api-key.schema";
export { listApiKeys, createApiKey, rotateApiKey, deleteApiKey, authenticateApiKey, cachedApiKeyPrincipal, type ApiKeyPrincipal } from "./api-key.service";
