import base from "@llmguard/eslint-config"; export default base;
