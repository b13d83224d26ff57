import type { Finding } from "./detector.ts";

/**
 * Stable snake_case ids of PII kinds. Ingest redaction writes them into placeholders (`[PII:email]`) and
 * the factor's points count distinct kinds, so every national ID (SSN, NINO, NIR, …) is one kind.
 */
export const PII_KINDS = [
  "email",
  "phone",
  "payment_card",
  "national_id",
  "tax_id",
  "iban",
  "ip_address",
  "person_name",
  "street_address",
  "date_of_birth",
  "passport_number",
  "driver_license",
  "bank_account",
] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** Finding labels (safe to show: never a value) and the kind each belongs to. */
export const PII_LABEL_KINDS = {
  email: ["e-mail address", "email"],
  phone: ["phone number", "phone"],
  card: ["payment card", "payment_card"],
  ssn: ["US SSN", "national_id"],
  nino: ["UK NINO", "national_id"],
  sin: ["Canadian SIN", "national_id"],
  nir: ["French NIR", "national_id"],
  dni: ["Spanish DNI/NIE", "national_id"],
  codiceFiscale: ["Italian codice fiscale", "national_id"],
  bsn: ["Dutch BSN", "national_id"],
  cpf: ["Brazilian CPF", "national_id"],
  aadhaar: ["Indian Aadhaar", "national_id"],
  personnummer: ["Swedish personnummer", "national_id"],
  pesel: ["Polish PESEL", "national_id"],
  chinaId: ["Chinese resident ID", "national_id"],
  nric: ["Singapore NRIC/FIN", "national_id"],
  steuerId: ["German tax ID", "tax_id"],
  tfn: ["Australian TFN", "tax_id"],
  itin: ["US ITIN", "tax_id"],
  pan: ["Indian PAN", "tax_id"],
  iban: ["IBAN", "iban"],
  ip: ["IP address", "ip_address"],
  name: ["person name", "person_name"],
  /** A name known only from a title or a salutation ("Mr. Jones", "Dear Ms. Hatcher"): word problems and fiction are full of them. */
  titledName: ["person name (title)", "person_name"],
  address: ["street address", "street_address"],
  dob: ["date of birth", "date_of_birth"],
  passport: ["passport number", "passport_number"],
  license: ["driver's license number", "driver_license"],
  bankAccount: ["bank account number", "bank_account"],
  routing: ["bank routing number", "bank_account"],
} as const satisfies Record<string, readonly [string, PiiKind]>;

export type PiiLabelKey = keyof typeof PII_LABEL_KINDS;

export const PII_LABELS = Object.fromEntries(Object.entries(PII_LABEL_KINDS).map(([k, [label]]) => [k, label])) as {
  readonly [K in PiiLabelKey]: (typeof PII_LABEL_KINDS)[K][0];
};

const KIND_OF_LABEL = new Map<string, PiiKind>(Object.values(PII_LABEL_KINDS).map(([label, kind]) => [label, kind]));

/** The kind of a finding label ("US SSN" → "national_id"); unknown labels map to themselves. */
export function piiKind(label: string): string {
  return KIND_OF_LABEL.get(label) ?? label;
}

export function piiFinding(start: number, end: number, key: PiiLabelKey): Finding {
  const [label, kind] = PII_LABEL_KINDS[key];
  return { start, end, label, kind };
}

// Character classes shared by the scanners (UTF-16 code units; Latin-1 and Latin Extended-A letters count).
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
export function isAsciiUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
export function isUpperLetter(c: number): boolean {
  if (c < 0x100) return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
  if (c > 0x17e) return false;
  // Latin Extended-A pairs upper/lower case; the parity flips between U+0139 and U+0148 and after U+0178.
  if (c >= 0x139 && c <= 0x148) return c % 2 === 1;
  if (c >= 0x178) return c % 2 === 1;
  return c % 2 === 0 && c !== 0x138;
}
export function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}
export function isAlnumAscii(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
