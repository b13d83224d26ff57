/** Decoding helpers shared by the encoded-payload and secret detectors. Pure, allocation-light, bounded. */

/** Only the first part of a long blob is decoded to judge it. */
export const MAX_DECODE_CHARS = 512;

const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 26; i++) {
  B64_VALUE[65 + i] = i;
  B64_VALUE[97 + i] = 26 + i;
}
for (let i = 0; i < 10; i++) B64_VALUE[48 + i] = 52 + i;
B64_VALUE[43] = 62; // +
B64_VALUE[45] = 62; // - (base64url)
B64_VALUE[47] = 63; // /
B64_VALUE[95] = 63; // _ (base64url)

export function isBase64Char(c: number): boolean {
  return c < 128 && (B64_VALUE[c] ?? -1) >= 0;
}

export function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Share of bytes that are printable ASCII, tab/newline, or part of a well-formed UTF-8 multi-byte sequence. */
export function textRatio(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n === 0) return 0;
  let ok = 0;
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if ((b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13) {
      ok++;
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let j = 1;
    while (need > 0 && j <= need && i + j < n && ((bytes[i + j] ?? 0) & 0xc0) === 0x80) j++;
    if (need > 0 && j === need + 1) {
      ok += need + 1;
      i += need + 1;
    } else {
      i++;
    }
  }
  return ok / n;
}

/** Decodes up to MAX_DECODE_CHARS of base64/base64url from text[start, end); stops at the first non-alphabet character. */
export function decodeBase64Prefix(text: string, start: number, end: number): Uint8Array {
  const stop = Math.min(end, start + MAX_DECODE_CHARS);
  const out = new Uint8Array(Math.floor(((stop - start) * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = start; i < stop; i++) {
    const v = B64_VALUE[text.charCodeAt(i)] ?? -1;
    if (v < 0) break;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** Decodes up to MAX_DECODE_CHARS hex digits from text[start, end). */
export function decodeHexPrefix(text: string, start: number, end: number): Uint8Array {
  const stop = Math.min(end, start + MAX_DECODE_CHARS);
  const out = new Uint8Array(Math.floor((stop - start) / 2));
  for (let i = 0; i < out.length; i++) {
    out[i] = (hexValue(text.charCodeAt(start + 2 * i)) << 4) | hexValue(text.charCodeAt(start + 2 * i + 1));
  }
  return out;
}

export function rot13(s: string): string {
  return s.replace(/[a-z]/gi, (ch) => {
    const c = ch.charCodeAt(0);
    const base = c >= 97 ? 97 : 65;
    return String.fromCharCode(((c - base + 13) % 26) + base);
  });
}
