import { nativeRegex } from "./detectors/native-regex.ts";

/**
 * Evasion-resistant text for the phrase rules and the classifier. Attackers hide "ignore previous
 * instructions" behind zero-width characters, Cyrillic or Greek look-alike letters, full-width forms,
 * mathematical alphanumerics and accents; detectors that read ASCII would miss all of those.
 *
 * `foldText` returns the folded text and, when anything changed, a map from each folded index to the
 * index of the original character it came from, so findings on the folded text highlight the original.
 * ASCII-only text (the common case) is returned as is, without allocation.
 */
export interface FoldedText {
  text: string;
  /** `map[i]` is the original index of folded char i; `map[text.length]` is the original length. Null when unchanged. */
  map: Int32Array | null;
  /** True when every UTF-16 unit of the original is ASCII (below 0x80): scanners for other scripts can skip it. */
  ascii: boolean;
}

/** Invisible characters used to split words: zero-width space/joiners, bidi marks, word joiner, BOM, soft hyphen, tags. */
function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0x3164 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    cp === 0xffa0 ||
    (cp >= 0xe0000 && cp <= 0xe007f) || // tag characters ("ASCII smuggling")
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    // Combining marks of Latin text ("zalgo" text, accents typed as separate marks).
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f)
  );
}

/**
 * Blocks whose characters fold to Latin letters or digits: Latin with accents, IPA, letter-like and
 * enclosed forms, super- and subscripts, ligatures, full-width and mathematical alphanumerics. Other
 * scripts are kept as written: decomposing Hangul, Devanagari or Cyrillic would destroy their words.
 */
function isFoldable(cp: number): boolean {
  return (
    (cp >= 0x00a0 && cp <= 0x02af) ||
    (cp >= 0x1d00 && cp <= 0x1eff) ||
    (cp >= 0x2070 && cp <= 0x209f) ||
    (cp >= 0x2100 && cp <= 0x214f) ||
    (cp >= 0x2460 && cp <= 0x24ff) ||
    (cp >= 0xfb00 && cp <= 0xfb06) ||
    (cp >= 0xff01 && cp <= 0xff5e) ||
    (cp >= 0x1d400 && cp <= 0x1d7ff) ||
    (cp >= 0x1f100 && cp <= 0x1f1ff)
  );
}

/**
 * Look-alike letters of other scripts, folded to the Latin letter they imitate. Only letters that are
 * visually identical in common fonts: mixing them into an English word is the evasion; a whole Cyrillic or
 * Greek text is folded too, which is harmless because the rules and the classifier's Latin features then
 * simply do not match it.
 */
const HOMOGLYPHS: Record<number, string> = {};
const addHomoglyphs = (from: string, to: string) => {
  for (let i = 0; i < from.length; i++) HOMOGLYPHS[from.charCodeAt(i)] = to[i] ?? "";
};
// Cyrillic lower and upper case.
addHomoglyphs("аеорсухіјѕԁһԛԝӏ", "aeopcyxijsdhqwl");
addHomoglyphs("АВЕКМНОРСТХІЈЅԌԚԜ", "ABEKMHOPCTXIJSGQW");
// Greek.
addHomoglyphs("αοιρνκτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "aoipvktuxABEZHIKMNOPTYX");
// Latin letters often used as stand-ins.
addHomoglyphs("ıȷɑɡ", "ijag");

/** Single-code-point folds computed on demand (NFKD, combining marks dropped), cached per code point. */
const foldCache = new Map<number, string>();
const MAX_CACHE = 4096;
const COMBINING = /\p{M}/gu;

const LETTER = /\p{L}/u;

/** A look-alike is folded only inside a word that also has an ASCII letter: "іgnоrе" is an evasion, "игнорируй" is Russian. */
function inMixedWord(text: string, i: number): boolean {
  return hasAsciiLetterToward(text, i, -1) || hasAsciiLetterToward(text, i, 1);
}

/** Walks from i in one direction over the word's letters (invisible characters skipped, at most 32). */
function hasAsciiLetterToward(text: string, i: number, step: -1 | 1): boolean {
  for (let k = i + step, n = 0; k >= 0 && k < text.length && n < 32; k += step, n++) {
    const c = text.charCodeAt(k);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
    if (c < 0x80) return false;
    if (isInvisible(c)) continue;
    if (!LETTER.test(text[k] ?? "")) return false;
  }
  return false;
}

function foldCodePoint(cp: number): string {
  if (!isFoldable(cp)) return String.fromCodePoint(cp);
  let f = foldCache.get(cp);
  if (f !== undefined) return f;
  const ch = String.fromCodePoint(cp);
  f = ch.normalize("NFKD").replace(COMBINING, "");
  // Keep the character when folding would erase it (a lone combining mark) or when it expands a lot
  // (ligature-like CJK compatibility forms): only short, non-empty folds are useful.
  if (f.length === 0 || f.length > 3) f = ch;
  if (foldCache.size < MAX_CACHE) foldCache.set(cp, f);
  return f;
}

const NON_ASCII = nativeRegex(/[\u0080-\uffff]/);
const utf8 = new TextEncoder();
/** Scratch space for isAscii: the scorer's fields are at most 200 KiB. */
const probe = new Uint8Array(256 * 1024);

/**
 * Writes `s` into `bytes` and tells whether it is all ASCII (every UTF-16 unit below 0x80), so its bytes are
 * its units. Only ASCII takes one UTF-8 byte per unit; both counts matter, because a non-ASCII text can
 * fill the buffer with exactly `s.length` bytes before its end. False when `bytes` is too short. Here
 * `encodeInto` costs about 0.15 ns a character, a native regex scan 0.7 ns and a charCodeAt loop 2.5 ns.
 */
export function asciiInto(s: string, bytes: Uint8Array): boolean {
  if (s.length > bytes.length) return false;
  const { read, written } = utf8.encodeInto(s, bytes);
  return read === s.length && written === s.length;
}

/** True when every UTF-16 unit is ASCII. */
function isAscii(s: string): boolean {
  return s.length > probe.length ? !NON_ASCII.test(s) : asciiInto(s, probe);
}

/**
 * Drops invisible characters and folds look-alikes, full-width and mathematical forms, ligatures and
 * accents to their base letters ("Ｉｇｎｏｒｅ", "іgnоrе", "ig\u200bnore", "𝐢𝐠𝐧𝐨𝐫𝐞", "précédentes" → ASCII).
 * Letters without a Latin base (Cyrillic words, CJK) are kept as they are.
 */
export function foldText(text: string): FoldedText {
  if (isAscii(text)) return { text, map: null, ascii: true };
  const parts: string[] = [];
  const map: number[] = [];
  let changed = false;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    if (cp < 0x80) {
      parts.push(text[i] ?? "");
      map.push(i);
    } else if (isInvisible(cp)) {
      changed = true;
    } else {
      const h = HOMOGLYPHS[cp];
      const f = h !== undefined && inMixedWord(text, i) ? h : foldCodePoint(cp);
      if (f.length !== width || f.codePointAt(0) !== cp) changed = true;
      parts.push(f);
      for (let k = 0; k < f.length; k++) map.push(i);
    }
    i += width;
  }
  if (!changed) return { text, map: null, ascii: false };
  map.push(text.length);
  return { text: parts.join(""), map: Int32Array.from(map), ascii: false };
}

/** Maps a [start, end) range of the folded text back to the original text. */
export function unfoldRange(folded: FoldedText, start: number, end: number): { start: number; end: number } {
  const map = folded.map;
  if (!map) return { start, end };
  const s = map[start] ?? 0;
  if (end <= start) return { start: s, end: s };
  // The end is exclusive: where the next folded char came from, or one past the last one when a single
  // original character expanded into several folded ones ("ﬁ" → "fi") and the range ends inside it.
  const lastOrig = map[end - 1] ?? s;
  const nextOrig = map[end] ?? lastOrig + 1;
  return { start: s, end: nextOrig > lastOrig ? nextOrig : lastOrig + 1 };
}
