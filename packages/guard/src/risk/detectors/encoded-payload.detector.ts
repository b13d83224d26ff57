import { ENCODED_PAYLOAD_POINTS } from "../calibration.ts";
import { clampDetail, describeCounts, isWordChar, MAX_FINDINGS_PER_FIELD, toSpans, type Detector, type Finding } from "./detector.ts";
import { decodeBase64Prefix, decodeHexPrefix, hexValue, isBase64Char, rot13, textRatio } from "./encoding.ts";
import { nativeRegex } from "./native-regex.ts";

export { ENCODED_PAYLOAD_POINTS };

/** A base64 run must be at least this long (without padding) and decode to mostly text. */
export const MIN_BASE64_CHARS = 60;
/** A hex run (optionally "0x"-prefixed) must be at least this long and decode to mostly text. */
export const MIN_HEX_CHARS = 48;
/** Share of decoded bytes that must be printable ASCII, whitespace or well-formed UTF-8. */
const MIN_TEXT_RATIO = 0.9;
/**
 * The run scan probes every STRIDE-th character. A run of at least MIN_HEX_CHARS = 2 × STRIDE characters
 * always covers two consecutive probes, so only a pair of neighbouring probes inside the alphabet (with
 * alphabet characters all the way between them) is expanded: prose costs about n / STRIDE probes.
 */
const STRIDE = 24;

/** Classifies one maximal base64-alphabet run [s, e). */
function classifyRun(text: string, s: number, e: number, out: Finding[]): void {
  let hexStart = s;
  if (text.charCodeAt(s) === 48 && (text.charCodeAt(s + 1) | 0x20) === 120) hexStart = s + 2; // "0x"
  let allHex = true;
  let upper = false;
  let lower = false;
  let digit = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (i >= hexStart && hexValue(c) < 0) allHex = false;
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
    else if (c >= 48 && c <= 57) digit = true;
  }
  if (allHex && e - hexStart >= MIN_HEX_CHARS) {
    if (textRatio(decodeHexPrefix(text, hexStart, e)) >= MIN_TEXT_RATIO) out.push({ start: s, end: e, label: "hex blob decoding to text", kind: "hex" });
    return;
  }
  // Base64 of text virtually always mixes upper case, lower case and digits; paths and words do not decode to text anyway.
  if (e - s < MIN_BASE64_CHARS || !upper || !lower || !digit) return;
  if (textRatio(decodeBase64Prefix(text, s, e)) < MIN_TEXT_RATIO) return;
  let end = e;
  while (end < text.length && end - e < 2 && text.charCodeAt(end) === 61) end++; // "=" padding
  out.push({ start: s, end, label: "base64 blob decoding to text", kind: "base64" });
}

function scanRuns(text: string, out: Finding[]): void {
  const n = text.length;
  let floor = 0; // everything before floor has been examined
  let prevIn = false;
  for (let i = STRIDE - 1; i < n && out.length < MAX_FINDINGS_PER_FIELD; i += STRIDE) {
    const inAlphabet = isBase64Char(text.charCodeAt(i));
    if (!(inAlphabet && prevIn)) {
      prevIn = inAlphabet;
      continue;
    }
    let j = i - 1;
    while (j > i - STRIDE && isBase64Char(text.charCodeAt(j))) j--;
    if (j > i - STRIDE) {
      prevIn = true; // a gap between the probes: no run covers both
      continue;
    }
    let s = i - STRIDE;
    while (s > floor && isBase64Char(text.charCodeAt(s - 1))) s--;
    let e = i + 1;
    while (e < n && isBase64Char(text.charCodeAt(e))) e++;
    if (e - s >= MIN_HEX_CHARS) classifyRun(text, s, e, out);
    floor = e;
    // Continue with the first probe after the run; the probe before it lies inside the run.
    i += Math.floor((e - i) / STRIDE) * STRIDE;
    prevIn = false;
  }
}

/** Escape runs, each located by its literal prefix and confirmed by a sticky regex of fixed-width units. */
const ESCAPES = [
  { prefix: "\\x", re: /(?:\\x[0-9a-fA-F]{2}){8,}/y, label: "\\x-escaped bytes", kind: "x_escape" },
  { prefix: "\\u00", re: /(?:\\u00[0-7][0-9a-fA-F]){6,}/y, label: "\\u00XX-escaped text", kind: "u_escape" },
  { prefix: "%", re: /(?:%[2-7][0-9a-fA-F]){8,}/y, label: "percent-encoded text", kind: "percent" },
] as const;

function scanEscapes(text: string, out: Finding[]): void {
  for (const { prefix, re, label, kind } of ESCAPES) {
    let at = text.indexOf(prefix);
    while (at >= 0 && out.length < MAX_FINDINGS_PER_FIELD) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (m) out.push({ start: at, end: at + m[0].length, label, kind });
      at = text.indexOf(prefix, m ? at + m[0].length : at + 1);
    }
  }
}

/** "rot13", "ROT-13", "rot 13": located by the literal "13", confirmed by a sticky regex just before it. */
const ROT13_MENTION = /rot[\s_-]?13(?![A-Za-z0-9_])/iy;
const ROT13_WINDOW = 300;
const ROT13_MIN_DECODED_WORDS = 3;
/** Legitimate text mentions ROT13 rarely; examining only the first few mentions bounds the window work. */
const ROT13_MAX_MENTIONS = 16;
/** Common words; none is the ROT13 image of another word in the list. */
const COMMON_WORDS = new Set(
  ("the and you your all are for not this that with what how tell give ignore previous instructions password " +
    "secret system prompt is to of in it me my can will now say print reveal rules key admin access please").split(" "),
);
const WORD = nativeRegex(/[a-z]{2,20}/gi);

/** Counts words that are not common English themselves but become common words after ROT13. */
function rot13EncodedWords(window: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(window)) !== null) {
    const w = m[0].toLowerCase();
    if (!COMMON_WORDS.has(w) && COMMON_WORDS.has(rot13(w))) n++;
  }
  return n;
}

function scanRot13(text: string, out: Finding[]): void {
  let mentions = 0;
  let at = text.indexOf("13");
  while (at >= 0 && out.length < MAX_FINDINGS_PER_FIELD && mentions < ROT13_MAX_MENTIONS) {
    for (const start of [at - 3, at - 4]) {
      if (start < 0 || (start > 0 && isWordChar(text.charCodeAt(start - 1)))) continue;
      ROT13_MENTION.lastIndex = start;
      if (!ROT13_MENTION.test(text)) continue;
      mentions++;
      const end = at + 2;
      const window = `${text.slice(Math.max(0, start - ROT13_WINDOW), start)} ${text.slice(end, end + ROT13_WINDOW)}`;
      if (rot13EncodedWords(window) >= ROT13_MIN_DECODED_WORDS) out.push({ start, end, label: "ROT13-encoded text", kind: "rot13" });
      break;
    }
    at = text.indexOf("13", at + 2);
  }
}

/**
 * Obfuscated content: base64 (≥ 60 chars) or hex (≥ 48 chars) blobs that decode to mostly text (binary such
 * as images or hashes does not count), runs of \xHH, \u00XX or %XX escapes, and ROT13 mentions next to
 * ROT13-encoded words. The decoded text is never put into the detail.
 */
export const encodedPayloadDetector: Detector = {
  type: "encoded_payload",
  detect(text) {
    const out: Finding[] = [];
    scanRuns(text, out);
    scanEscapes(text, out);
    scanRot13(text, out);
    return out.sort((a, b) => a.start - b.start);
  },
  toFactor: (findings) => ({
    type: "encoded_payload",
    points: ENCODED_PAYLOAD_POINTS,
    detail: clampDetail(`Encoded payload: ${describeCounts(findings)}`),
    spans: toSpans(findings),
  }),
};
