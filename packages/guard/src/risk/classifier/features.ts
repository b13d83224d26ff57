import { asciiInto } from "../normalize.ts";

/**
 * Features of the risk classifier: hashed word unigrams and bigrams of the folded, lower-cased text (the
 * "hashing trick"), so the model is a fixed-size table of weights and a text costs one pass over its
 * characters. Character trigrams were tried and dropped: trained on all but one source and judged on that
 * one, they flagged three times more safe-but-scary prompts (26% against 10%) and cost twice the time
 * (docs/risk.md). The training script (packages/guard/training/train.ts) and
 * the scorer share this one function; change it and the weights must be rebuilt.
 */

/** log2 of the number of weight buckets. */
export const FEATURE_BITS = 15;
export const FEATURE_BUCKETS = 1 << FEATURE_BITS;

/**
 * Long texts are classified on their first HEAD_CHARS and last TAIL_CHARS: attacks state their intent early
 * (persona set-ups, harmful requests) or late (an override appended to a document), and the cost stays
 * bounded. The phrase rules still scan the whole text.
 */
export const HEAD_CHARS = 2_000;
export const TAIL_CHARS = 1_000;
/**
 * Feature sums are scaled by 1/√max(n, NORM_FLOOR): long texts do not score higher for being long, and a
 * text of two or three words ("<b>", "[Note] see below") is shrunk toward the prior instead of being judged
 * on one rare token. 12 until 2026-12-07 (twelfth session): fitted on the probes and red-team batches, the
 * model judged short ordinary sentences by one or two attack bigrams ("I'm your developer." 0.72, "Bitte
 * ignoriere die Tippfehler im Text." 0.77); at 16 (about eight words) four of five such test sentences pass
 * again, with the same recall on the blind probe sets 22 and 23 (docs/risk.md, "Probes as training data").
 */
export const NORM_FLOOR = 16;

export function featureNorm(n: number): number {
  return 1 / Math.sqrt(Math.max(n, NORM_FLOOR));
}

/** Upper bound of features per text: one unigram and one bigram per character at most. */
export const MAX_FEATURES = 2 * (HEAD_CHARS + TAIL_CHARS + 1);

const SHIFT = 32 - FEATURE_BITS;
const UNIGRAM_SEED = 0x9e3779b1;
const BIGRAM_SEED = 0x85ebca6b;

function bucket(h: number, seed: number): number {
  let x = Math.imul(h ^ seed, 0x27d4eb2f);
  x ^= x >>> 15;
  x = Math.imul(x, 0x165667b1);
  return (x ^ (x >>> 13)) >>> SHIFT;
}

/** Letters and digits of any script (ASCII fast path; everything above 0x7f that is not punctuation or space). */
function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return !(c === 0xa0 || (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff0f));
}

/** CJK ideographs and kana have no spaces between words: each counts as a word of its own. */
function isCjk(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
}

/** The part of a text the classifier reads. */
export function classifiedPart(text: string): string {
  return text.length <= HEAD_CHARS + TAIL_CHARS ? text : `${text.slice(0, HEAD_CHARS)}\n${text.slice(text.length - TAIL_CHARS)}`;
}

/** The classified part's bytes when it is ASCII; HEAD_CHARS + TAIL_CHARS + 1 units at most. */
const ascii = new Uint8Array(HEAD_CHARS + TAIL_CHARS + 1);

/** extractFeatures' loop over ASCII bytes: the same words, hashes and order as the general loop below. */
function asciiFeatures(bytes: Uint8Array, len: number, out: Int32Array, stamp: number): number {
  let n = 0;
  let word = 0x811c9dc5;
  let wordLen = 0;
  let prevWord = 0;
  for (let i = 0; i < len; i++) {
    let c = bytes[i]!;
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      word = Math.imul(word ^ c, 0x01000193) | 1;
      wordLen++;
    } else if (wordLen > 0) {
      n = emitWord(out, n, stamp, word, prevWord);
      prevWord = word;
      word = 0x811c9dc5;
      wordLen = 0;
    }
  }
  if (wordLen > 0) n = emitWord(out, n, stamp, word, prevWord);
  return n;
}

/**
 * Per bucket, the call that last emitted it (modulo 255): features are counted once per text without
 * clearing a set, except once every 255 calls. One byte per bucket keeps the table at 32 KB, small enough
 * to stay in cache beside the weights between the scorer's other passes.
 */
const seenIn = new Uint8Array(FEATURE_BUCKETS);
let call = 0;

/** Writes a finished word's unigram and (after the first word) bigram buckets, each once per text. */
function emitWord(out: Int32Array, n: number, stamp: number, word: number, prevWord: number): number {
  let b = bucket(word, UNIGRAM_SEED);
  if (seenIn[b] !== stamp) {
    seenIn[b] = stamp;
    out[n++] = b;
  }
  if (prevWord !== 0) {
    b = bucket(Math.imul(prevWord, 31) ^ word, BIGRAM_SEED);
    if (seenIn[b] !== stamp) {
      seenIn[b] = stamp;
      out[n++] = b;
    }
  }
  return n;
}

/**
 * Writes the distinct buckets of the features of `text` into `out` (length ≥ MAX_FEATURES) and returns how
 * many. Presence, not frequency: with term frequencies, "word word word…" a thousand times scored like a
 * thousand pieces of evidence. One tight loop without closures: this runs on every ingested prompt.
 */
export function extractFeatures(text: string, out: Int32Array): number {
  call = call === 255 ? 1 : call + 1;
  if (call === 1) seenIn.fill(0);
  const stamp = call;
  const s = classifiedPart(text);
  const len = s.length;
  // ASCII text (UTF-8 as long as UTF-16: no unit above 0x7f) is read from its bytes: the same units, and a
  // typed-array loop costs less than half of a charCodeAt loop here (encodeInto itself is nearly free).
  if (asciiInto(s, ascii)) return asciiFeatures(ascii, len, out, stamp);
  let n = 0;
  let word = 0x811c9dc5; // running hash of the current word
  let wordLen = 0;
  let prevWord = 0; // hash of the previous word, 0 at the start
  for (let i = 0; i <= len; i++) {
    let c = i < len ? s.charCodeAt(i) : 32;
    let unit: boolean;
    if (c < 0x80) {
      if (c >= 65 && c <= 90) c += 32;
      unit = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    } else {
      unit = isWordUnit(c);
    }
    const cjk = unit && c >= 0x3040 && isCjk(c);
    if ((!unit || cjk) && wordLen > 0) {
      n = emitWord(out, n, stamp, word, prevWord);
      prevWord = word;
      word = 0x811c9dc5;
      wordLen = 0;
    }
    if (unit) {
      word = Math.imul(word ^ c, 0x01000193) | 1;
      wordLen++;
      if (cjk) {
        // Ideographs and kana have no spaces between words: each is a word of its own.
        n = emitWord(out, n, stamp, word, prevWord);
        prevWord = word;
        word = 0x811c9dc5;
        wordLen = 0;
      }
    }
  }
  return n;
}
