/**
 * Spaced-out letters ("I g n o r e   y o u r   r u l e s"): each word's letters apart, words set apart by
 * wider gaps. The phrase rules and the classifier read words, so such a prompt passed both (three of the 120
 * injections of the blind probe sets 22–24, 2026-12-07). `despace` gives them the words back.
 *
 * A spaced run is at least MIN_SPACED_CHARS single characters, each followed by one to three spaces: inside
 * it one space joins letters into a word and two or more separate words. Everything else is kept as it is.
 * The copy is shorter than the text, so it comes with the offset in the text of each of its characters.
 */

import { nativeRegex } from "./native-regex.ts";

export const MIN_SPACED_CHARS = 5;

/** A candidate: five single characters, each set apart by spaces (a native regex; most prompts fail fast). */
const SPACED_RUN = nativeRegex(new RegExp(String.raw`(?<!\S)\S(?: {1,3}\S(?!\S)){${MIN_SPACED_CHARS - 1},}`, "g"));

export interface SpacedReading {
  /** The text with its spaced runs joined into words. */
  text: string;
  /** For each character of `text`, its offset in the original. */
  at: Int32Array;
  /** The joined runs, as [start, end) ranges of `text`. */
  runs: Int32Array;
}

/**
 * The cheap test first: three single characters in a row, each between spaces. It starts only at spaces,
 * where SPACED_RUN starts at every character (0.3 against 2.3 µs per 1.4 KB prompt).
 */
const SPACED_HINT = nativeRegex(/ \S \S \S /);

export function despace(text: string): SpacedReading | null {
  if (!SPACED_HINT.test(text)) return null;
  SPACED_RUN.lastIndex = 0;
  if (!SPACED_RUN.test(text)) return null;
  SPACED_RUN.lastIndex = 0;
  const out: string[] = [];
  const at: number[] = [];
  const runs: number[] = [];
  let copied = 0;
  const emit = (ch: string, from: number) => {
    out.push(ch);
    at.push(from);
  };
  let m: RegExpExecArray | null;
  while ((m = SPACED_RUN.exec(text)) !== null) {
    for (let k = copied; k < m.index; k++) emit(text[k]!, k);
    runs.push(out.length);
    const end = m.index + m[0].length;
    for (let k = m.index; k < end; k++) {
      if (text[k] !== " ") {
        emit(text[k]!, k);
        continue;
      }
      // A gap: one space joins, two or more separate words.
      let gap = k;
      while (gap < end && text[gap] === " ") gap++;
      if (gap - k >= 2) emit(" ", k);
      k = gap - 1;
    }
    runs.push(out.length);
    copied = end;
  }
  for (let k = copied; k < text.length; k++) emit(text[k]!, k);
  return { text: out.join(""), at: Int32Array.from(at), runs: Int32Array.from(runs) };
}

/** The range of the original text under [start, end) of the reading. */
export function originalRange(reading: SpacedReading, start: number, end: number): { start: number; end: number } {
  return { start: reading.at[start]!, end: reading.at[end - 1]! + 1 };
}

/** Whether [start, end) of the reading overlaps a joined run. */
export function touchesRun(reading: SpacedReading, start: number, end: number): boolean {
  for (let r = 0; r < reading.runs.length; r += 2) if (start < reading.runs[r + 1]! && reading.runs[r]! < end) return true;
  return false;
}
