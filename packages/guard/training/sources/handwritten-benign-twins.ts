/**
 * Benign prompts that use the words of attacks (`benign-twins.txt`, 360 lines, one prompt each): "ignore the
 * typos", "summarize the text above", "write a good system prompt for my bot", "rotate my API key", "a query
 * with no restrictions on the date", "act as a pirate for my son's party", essays about propaganda, "kill the
 * process", how SQL injection works, "do you have a system prompt?".
 *
 * Why: the hand-written probes (handwritten-probes.ts) taught the classifier the vocabulary of unseen attacks,
 * and with it some of that vocabulary's ordinary uses ("Convert your prompt into tokens with tiktoken" read as an
 * injection). These twins, twelve themes of thirty, were written for this file by a second engineer who saw
 * neither the probes, the tests nor the training data, so the tests' hard negatives stay a held-out check.
 *
 *   pnpm exec tsx packages/guard/training/sources/handwritten-benign-twins.ts
 *
 * Writes data/handwritten-benign-twins.jsonl.gz.
 */
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { promptLines, type Row } from "./common.ts";
import { writeNew } from "./handwritten-jailbreak-wild.ts";

export function twinRows(): Row[] {
  return promptLines(new URL("./benign-twins.txt", import.meta.url)).map((text) => ({ text, category: "benign" }));
}

if (basename(fileURLToPath(import.meta.url)) === basename(process.argv[1] ?? "")) {
  console.log(writeNew("handwritten-benign-twins", twinRows()));
}
