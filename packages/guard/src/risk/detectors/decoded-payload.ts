import type { Finding } from "./detector.ts";
import { decodeBase64Prefix, decodeHexPrefix, MAX_DECODE_CHARS, rot13 } from "./encoding.ts";

const utf8 = new TextDecoder("utf-8", { fatal: false });

/**
 * The text an encoded-payload finding stands for (at most the first MAX_DECODE_CHARS of the blob), so
 * the phrase rules can read what an attacker hid in base64, hex, escapes or ROT13. Null when it does not
 * decode.
 */
export function decodedPayload(text: string, f: Finding): string | null {
  const end = Math.min(f.end, f.start + MAX_DECODE_CHARS);
  switch (f.kind) {
    case "base64":
      return utf8.decode(decodeBase64Prefix(text, f.start, end));
    case "hex": {
      const s = text.charCodeAt(f.start) === 48 && (text.charCodeAt(f.start + 1) | 0x20) === 120 ? f.start + 2 : f.start;
      return utf8.decode(decodeHexPrefix(text, s, end));
    }
    case "x_escape":
    case "u_escape":
    case "percent": {
      const hex = text.slice(f.start, end).replace(/\\x|\\u00|%/g, "");
      return utf8.decode(decodeHexPrefix(hex, 0, hex.length));
    }
    case "rot13": {
      // The ROT13 finding is the mention; the encoded words sit around it.
      return rot13(text.slice(Math.max(0, f.start - 300), Math.min(text.length, f.end + 300)));
    }
    default:
      return null;
  }
}
