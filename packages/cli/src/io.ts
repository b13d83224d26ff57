import type { OutStream } from "./output.js";
import type { InStream } from "./prompt.js";

/** Where the CLI reads and writes: process streams from bin.ts, or test doubles. */
export interface RunIo {
  /** The environment as given (bin.ts passes process.env); validated by env.ts before a command runs. */
  env?: Record<string, string | undefined>;
  stdin?: InStream;
  stdout: OutStream;
  stderr: OutStream;
  /** Replaces the global fetch (tests). */
  fetch?: typeof fetch;
}
