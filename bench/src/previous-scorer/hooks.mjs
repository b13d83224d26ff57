// Module resolve hook for register.mjs: "@llmguard/guard" → shim.ts (which imports the real package by path).
import { URL } from "node:url";

const SHIM = new URL("./shim.ts", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  // Through the next resolver (tsx), which marks .ts files for its loader.
  if (specifier === "@llmguard/guard") return nextResolve(SHIM, context);
  return nextResolve(specifier, context);
}
