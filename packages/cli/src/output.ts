import type { CliError } from "./errors.js";

/** Writable streams as the CLI uses them (process.stdout/stderr, or a collector in tests). */
export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
export type Style = keyof typeof CODES;

/** Colors only on a terminal, and never with NO_COLOR (https://no-color.org) or --no-color. */
export function colorEnabled(stream: OutStream, env: Record<string, string | undefined>, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true;
}

export function paint(enabled: boolean, style: Style, text: string): string {
  return enabled ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
}

/** Left-aligned columns; the last one is not padded. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n") + "\n";
}

/** A value for a table cell: JSON (so types show and line breaks stay on one line), cut to `max` characters. */
export function cell(value: unknown, max = Infinity): string {
  const text = value === undefined ? "" : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A date as `2025-03-01 14:05 UTC`. */
export function when(iso: unknown): string {
  if (typeof iso !== "string") return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export class Output {
  readonly json: boolean;
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  private readonly colorOut: boolean;
  private readonly colorErr: boolean;

  constructor(opts: { stdout: OutStream; stderr: OutStream; env: Record<string, string | undefined>; json: boolean; noColor: boolean }) {
    this.stdout = opts.stdout;
    this.stderr = opts.stderr;
    this.json = opts.json;
    this.colorOut = colorEnabled(opts.stdout, opts.env, opts.noColor);
    this.colorErr = colorEnabled(opts.stderr, opts.env, opts.noColor);
  }

  get stdoutIsTTY(): boolean {
    return this.stdout.isTTY === true;
  }

  /** Styles text meant for stdout. */
  style(style: Style, text: string): string {
    return paint(this.colorOut, style, text);
  }

  /** Writes text as it is to stdout. */
  raw(text: string): void {
    this.stdout.write(text);
  }

  line(text = ""): void {
    this.stdout.write(`${text}\n`);
  }

  table(headers: string[], rows: string[][]): void {
    const text = formatTable(headers, rows);
    const nl = text.indexOf("\n");
    this.stdout.write(this.style("bold", text.slice(0, nl)) + text.slice(nl));
  }

  /** The --json answer. */
  data(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Progress and notes go to stderr, so stdout stays clean for pipes and --json. */
  note(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  warn(text: string): void {
    this.stderr.write(`${paint(this.colorErr, "yellow", "warning:")} ${text}\n`);
  }

  error(err: CliError): void {
    if (this.json) {
      this.stderr.write(`${JSON.stringify(err.toEnvelope(), null, 2)}\n`);
      return;
    }
    const lines = [`${paint(this.colorErr, "red", "error:")} ${err.message}`, ...detailLines(err)];
    if (err.hint) lines.push(paint(this.colorErr, "dim", err.hint));
    this.stderr.write(`${lines.join("\n")}\n`);
  }
}

/** The parts of an error's details a person needs: each invalid field, each unresolvable key, the role required. */
export function detailLines(err: CliError): string[] {
  const d = err.details;
  if (!d) return [];
  const out: string[] = [];
  const issues = Array.isArray(d.issues) ? (d.issues as Record<string, unknown>[]) : [];
  for (const i of issues) {
    // The server's message often is the first issue's: then the list only says where.
    const text = typeof i.message === "string" && !err.message.includes(i.message) ? i.message : "";
    if (typeof i.environment === "string" && typeof i.key === "string") out.push(`  - ${i.environment}: ${i.key}${text ? `: ${text}` : ""} (${String(i.code)})`);
    else out.push(`  - ${[i.path ? String(i.path) : "", text].filter(Boolean).join(": ") || String(i.message)}`);
  }
  if (typeof d.required === "string") out.push(`  requires role ${d.required}${typeof d.role === "string" ? ` (yours: ${d.role})` : ""}`);
  return out;
}
