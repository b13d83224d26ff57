export * from "./config.schema";
export * from "./key-type.schema";
export * from "./starter-templates";
export { commitConfigChange, diffConfig, getConfigVersionDetail, getEffectiveConfig, listConfigHistory, restoreConfig, setConfig } from "./config.service";
export { createEnvironment, deleteEnvironment, listEnvironments } from "./environment.service";
export { deleteKeyType, listKeyTypes, setKeyType } from "./key-type.service";
export { deliverConfig, deliverGuardKeys, peekDeliveredConfig, requireScope, watchConfig, type DeliveryEntry } from "./delivery.service";
export { resolveConfigValues, parseTemplate, secretReferences } from "./template-resolution";
export { ConfigHub } from "./config-hub";
