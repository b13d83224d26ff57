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

// ---------------------------------------------------------------- national identifiers
// All take the identifier without separators; letters upper case.

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}
const d = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** Remainder of a long digit string modulo m (no BigInt). */
export function modDigits(digits: string, m: number): number {
  let rem = 0;
  for (let i = 0; i < digits.length; i++) rem = (rem * 10 + d(digits, i)) % m;
  return rem;
}

/** France NIR (numéro de sécurité sociale): 13 digits + 2-digit key = 97 − (number mod 97); Corsica 2A/2B count as 19/18. */
export function nirValid(nir: string): boolean {
  if (nir.length !== 15) return false;
  const body = nir.slice(0, 13).replace(/^(\d{5})2A/, "$119").replace(/^(\d{5})2B/, "$118");
  const key = nir.slice(13);
  if (!allDigits(body) || !allDigits(key) || (nir[0] !== "1" && nir[0] !== "2")) return false;
  const month = Number(nir.slice(3, 5));
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false;
  return 97 - modDigits(body, 97) === Number(key);
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
/** Spain DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): letter = table[number mod 23]. */
export function dniValid(id: string): boolean {
  let s = id;
  const first = s[0] ?? "";
  if (first === "X" || first === "Y" || first === "Z") s = `${"XYZ".indexOf(first)}${s.slice(1)}`;
  if (s.length !== 9) return false;
  const num = s.slice(0, 8);
  return allDigits(num) && DNI_LETTERS[Number(num) % 23] === s[8];
}

const CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
/** Italy codice fiscale: 16 chars, check letter from the odd/even position tables (omocodia letters accepted). */
export function codiceFiscaleValid(cf: string): boolean {
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(cf)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = cf.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 65; // digits and letters share the 0–9 / A–J values
    sum += i % 2 === 0 ? (CF_ODD[v] ?? 0) : v;
  }
  return String.fromCharCode(65 + (sum % 26)) === cf[15];
}

/** Netherlands BSN: 9 digits (8 with a leading zero dropped), "11-proef" with weights 9…2 and −1. */
export function bsnValid(bsn: string): boolean {
  const s = bsn.length === 8 ? `0${bsn}` : bsn;
  if (s.length !== 9 || !allDigits(s) || s === "000000000") return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += d(s, i) * (9 - i);
  sum -= d(s, 8);
  return sum % 11 === 0;
}

/** ISO 7064 MOD 11,10 check digit over a digit string. */
function mod1110Check(digits: string): number {
  let p = 10;
  for (let i = 0; i < digits.length; i++) {
    let s = (d(digits, i) + p) % 10;
    if (s === 0) s = 10;
    p = (2 * s) % 11;
  }
  const c = 11 - p;
  return c === 10 ? 0 : c;
}

/**
 * Germany Steuerliche Identifikationsnummer: 11 digits, no leading 0, in the first ten one digit occurs
 * two or three times and at most one other is missing, check digit ISO 7064 MOD 11,10.
 */
export function steuerIdValid(id: string): boolean {
  if (id.length !== 11 || !allDigits(id) || id[0] === "0") return false;
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 10; i++) counts[d(id, i)]! += 1;
  const repeated = counts.filter((c) => c > 1);
  if (repeated.length !== 1 || (repeated[0] ?? 0) > 3) return false;
  return mod1110Check(id.slice(0, 10)) === d(id, 10);
}

/** Brazil CPF: 11 digits, two mod-11 check digits; all-same-digit numbers are invalid. */
export function cpfValid(cpf: string): boolean {
  if (cpf.length !== 11 || !allDigits(cpf) || /^(\d)\1{10}$/.test(cpf)) return false;
  for (const n of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += d(cpf, i) * (n + 1 - i);
    const check = ((sum * 10) % 11) % 10;
    if (check !== d(cpf, n)) return false;
  }
  return true;
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
/** Verhoeff check over a digit string (the last digit is the check digit). */
export function verhoeffValid(digits: string): boolean {
  if (!allDigits(digits)) return false;
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = d(digits, digits.length - 1 - i);
    c = VERHOEFF_D[c]![VERHOEFF_P[i % 8]![digit]!]!;
  }
  return c === 0;
}

/** India Aadhaar: 12 digits, first digit 2–9, Verhoeff. */
export function aadhaarValid(id: string): boolean {
  return id.length === 12 && id[0] !== "0" && id[0] !== "1" && verhoeffValid(id);
}

const TFN_WEIGHTS = [1, 4, 3, 7, 5, 8, 6, 9, 10];
/** Australia Tax File Number: 9 digits (older 8), weighted sum divisible by 11. */
export function tfnValid(tfn: string): boolean {
  if ((tfn.length !== 9 && tfn.length !== 8) || !allDigits(tfn)) return false;
  const weights = tfn.length === 9 ? TFN_WEIGHTS : [10, 7, 8, 4, 6, 3, 5, 1];
  let sum = 0;
  for (let i = 0; i < tfn.length; i++) sum += d(tfn, i) * (weights[i] ?? 0);
  return sum % 11 === 0;
}

function validMonthDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Sweden personnummer: YYMMDDNNNC or YYYYMMDDNNNC; Luhn over the last ten digits; day + 60 for samordningsnummer. */
export function personnummerValid(pnr: string): boolean {
  const s = pnr.length === 12 ? pnr.slice(2) : pnr;
  if (s.length !== 10 || !allDigits(s)) return false;
  const day = Number(s.slice(4, 6));
  return validMonthDay(Number(s.slice(2, 4)), day > 60 ? day - 60 : day) && luhnValid(s);
}

/** Poland PESEL: 11 digits, weights 1,3,7,9,… check digit, century-encoded month. */
export function peselValid(pesel: string): boolean {
  if (pesel.length !== 11 || !allDigits(pesel)) return false;
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += d(pesel, i) * (w[i] ?? 0);
  const month = Number(pesel.slice(2, 4)) % 20;
  return (10 - (sum % 10)) % 10 === d(pesel, 10) && validMonthDay(month, Number(pesel.slice(4, 6)));
}

/** China resident identity card: 17 digits + check (digit or X), ISO 7064 MOD 11-2, plausible birth date. */
export function chinaIdValid(id: string): boolean {
  if (id.length !== 18 || !allDigits(id.slice(0, 17))) return false;
  const year = Number(id.slice(6, 10));
  if (year < 1900 || year > 2099 || !validMonthDay(Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += d(id, i) * ((2 ** (17 - i)) % 11);
  const check = (12 - (sum % 11)) % 11;
  return (check === 10 ? "X" : String(check)) === id[17];
}

/** Singapore NRIC/FIN: [STFG] + 7 digits + check letter (weights 2,7,6,5,4,3,2; T and G add 4). */
export function nricValid(id: string): boolean {
  if (!/^[STFG]\d{7}[A-Z]$/.test(id)) return false;
  const w = [2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += d(id, i + 1) * (w[i] ?? 0);
  const p = id[0];
  if (p === "T" || p === "G") sum += 4;
  const table = p === "S" || p === "T" ? "JZIHGFEDCBA" : "XWUTRQPNMLK";
  return table[sum % 11] === id[8];
}

/** US ABA routing number: 3·d1 + 7·d2 + d3 + 3·d4 + 7·d5 + d6 + 3·d7 + 7·d8 + d9 ≡ 0 (mod 10), not all zeros. */
export function abaValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  const w = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += w[i]! * (digits.charCodeAt(i) - 48);
  return sum % 10 === 0;
}
