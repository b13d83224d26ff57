export * from "./settings.schema";
export { getProjectSettings, updateProjectSettings, listSettingsHistory } from "./settings.service";
