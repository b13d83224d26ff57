import { core } from "@llmguard/eslint-config"; export default core;
