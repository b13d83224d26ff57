/**
 * Writes the hand-written sets (no external source; fixed seeds, so the output is reproducible):
 *
 *   pnpm exec tsx packages/guard/training/sources/handwritten.ts
 */
import { writeSource } from "./common.ts";
import { benignRows } from "./handwritten-benign.ts";
import { injectionRows } from "./handwritten-injection.ts";
import { jailbreakRows } from "./handwritten-jailbreak.ts";

writeSource("handwritten-injection", injectionRows());
writeSource("handwritten-jailbreak", jailbreakRows());
writeSource("handwritten-benign", benignRows());
