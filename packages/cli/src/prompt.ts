import { StringDecoder } from "node:string_decoder";
import { CliError } from "./errors.js";
import type { OutStream } from "./output.js";

/** stdin as the CLI uses it: process.stdin, or any readable stream in tests. */
export interface InStream {
  on(event: "data", listener: (chunk: string | Buffer) => void): unknown;
  on(event: "end" | "close", listener: () => void): unknown;
  on(event: "error", listener: (err: Error) => void): unknown;
  resume(): unknown;
  pause(): unknown;
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

export const EXIT_INTERRUPTED = 130;

/** Removes one trailing line break, so `echo secret | llmguard ... --value-stdin` stores `secret`. */
export function stripFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, "");
}

/**
 * Reads stdin for prompts and for --password-stdin / --value-stdin. One buffer for the whole run, so
 * text typed ahead (or piped in one chunk) is never lost between two prompts. Paused whenever nobody
 * waits, so an idle stdin never keeps the process alive.
 */
export class Input {
  private buffer = "";
  private ended = false;
  private failed: Error | null = null;
  private started = false;
  private wake: (() => void) | null = null;
  private readonly decoder = new StringDecoder("utf8");

  constructor(
    private readonly stream: InStream,
    private readonly stderr: OutStream,
  ) {}

  get isTTY(): boolean {
    return this.stream.isTTY === true;
  }

  /** Everything until end of input. */
  async readAll(): Promise<string> {
    while (!this.ended) await this.more();
    if (this.failed) throw this.failed;
    const all = this.buffer;
    this.buffer = "";
    return all;
  }

  /** Asks on stderr and reads one line (echoed by the terminal). Null at end of input. */
  async question(label: string): Promise<string | null> {
    this.stderr.write(label);
    return this.takeLine(false);
  }

  /** Asks on stderr and reads one line without echo (raw mode on a terminal). Null at end of input. */
  async secret(label: string): Promise<string | null> {
    this.stderr.write(label);
    const raw = this.isTTY && typeof this.stream.setRawMode === "function";
    if (raw) this.stream.setRawMode!(true);
    try {
      return await this.takeLine(true);
    } finally {
      if (raw) this.stream.setRawMode!(false);
      this.stderr.write("\n");
    }
  }

  private async takeLine(secret: boolean): Promise<string | null> {
    let value = "";
    for (;;) {
      while (this.buffer.length > 0) {
        const ch = this.buffer[0]!;
        this.buffer = this.buffer.slice(1);
        if (ch === "\n" || ch === "\r") {
          if (ch === "\r" && this.buffer[0] === "\n") this.buffer = this.buffer.slice(1);
          return value;
        }
        if (secret && ch === "\u0003") throw new CliError("Cancelled", { exitCode: EXIT_INTERRUPTED, code: "CANCELLED" });
        if (secret && ch === "\u0004" && value === "") return null;
        if (secret && (ch === "\u007f" || ch === "\b")) {
          value = value.slice(0, -1);
          continue;
        }
        value += ch;
      }
      if (this.ended) return value === "" ? null : value;
      await this.more();
    }
  }

  private more(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (!this.started) {
      this.started = true;
      const wake = () => {
        const w = this.wake;
        this.wake = null;
        w?.();
      };
      this.stream.on("data", (chunk) => {
        this.buffer += typeof chunk === "string" ? chunk : this.decoder.write(chunk);
        wake();
      });
      this.stream.on("end", () => {
        this.buffer += this.decoder.end();
        this.ended = true;
        wake();
      });
      this.stream.on("close", () => {
        this.ended = true;
        wake();
      });
      this.stream.on("error", (err) => {
        this.failed = err;
        this.ended = true;
        wake();
      });
    }
    return new Promise<void>((resolve) => {
      this.wake = () => {
        this.stream.pause();
        resolve();
      };
      this.stream.resume();
    });
  }
}
