import { published } from "@llmguard/eslint-config"; export default published;
