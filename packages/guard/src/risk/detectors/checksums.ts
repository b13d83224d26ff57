/** Pure validators used by the PII detector. Inputs are already stripped of separators. */

/** Luhn (mod 10) check over a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Card network for a 13–19 digit PAN by issuer prefix and length, or null when no known network issues it. */
export function cardBrand(pan: string): string | null {
  const len = pan.length;
  const p2 = Number(pan.slice(0, 2));
  const p3 = Number(pan.slice(0, 3));
  const p4 = Number(pan.slice(0, 4));
  const p6 = Number(pan.slice(0, 6));
  if (pan.startsWith("4") && (len === 13 || len === 16 || len === 19)) return "Visa";
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && len === 16) return "Mastercard";
  if ((p2 === 34 || p2 === 37) && len === 15) return "American Express";
  if ((p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) && len >= 16) return "Discover";
  if (p4 >= 3528 && p4 <= 3589 && len >= 16) return "JCB";
  if (((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) && len >= 14) return "Diners Club";
  if (p2 === 62 && len >= 16) return "UnionPay";
  if ((p2 === 50 || (p2 >= 56 && p2 <= 58) || p2 === 63 || p2 === 67) && len >= 13) return "Maestro";
  return null;
}

/**
 * US SSN validity rules (SSA): area not 000, 666 or 900–999; group not 00; serial not 0000; plus the two
 * numbers famously printed on sample cards and adverts.
 */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  if (a === 0 || a === 666 || a >= 900) return false;
  if (group === "00" || serial === "0000") return false;
  const whole = `${area}${group}${serial}`;
  return whole !== "078051120" && whole !== "219099999";
}

/**
 * UK National Insurance number prefix rules (HMRC): first letter not D, F, I, Q, U or V; second letter not
 * D, F, I, O, Q, U or V; prefixes BG, GB, KN, NK, NT, TN and ZZ are never issued.
 */
export function ninoPrefixValid(prefix: string): boolean {
  const p = prefix.toUpperCase();
  if (p.length !== 2) return false;
  if ("DFIQUV".includes(p[0] ?? "")) return false;
  if ("DFIOQUV".includes(p[1] ?? "")) return false;
  return !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].includes(p);
}

/** Canadian Social Insurance Number: 9 digits, Luhn-valid, first digit not 0 or 8 (unassigned). */
export function sinValid(digits: string): boolean {
  return digits.length === 9 && digits[0] !== "0" && digits[0] !== "8" && luhnValid(digits);
}

/** IBAN lengths by country (ISO 13616 registry). Unknown countries are rejected. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22,
  GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31,
  MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24,
  SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** ISO 7064 mod 97-10 over an upper-case, separator-free IBAN, with the registry length for its country. */
export function ibanValid(iban: string): boolean {
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected === undefined || iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}
