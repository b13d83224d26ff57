import { api } from "@llmguard/eslint-config"; export default api;
