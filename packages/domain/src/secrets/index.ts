export * from "./secret.schema";
export { deleteSecret, listSecrets, revealSecret, rotateSecret, setSecret, updateSecretMetadata } from "./secret.service";
export { countStaleDataKeys, rewrapDataKeys } from "./data-key";
export { createLocalKeyProvider, type KeyProvider } from "./key-provider";
