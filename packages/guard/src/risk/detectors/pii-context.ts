import {
  abaValid,
  aadhaarValid, bsnValid, chinaIdValid, codiceFiscaleValid, cpfValid, dniValid, nirValid, ninoPrefixValid, nricValid, peselValid,
  personnummerValid, sinValid, ssnValid, steuerIdValid, tfnValid,
} from "./checksums.ts";
import { MAX_FINDINGS_PER_FIELD, type Finding } from "./detector.ts";
import { isAlnumAscii, isAsciiUpper, isDigit, isLetter, isUpperLetter, piiFinding, type PiiLabelKey } from "./pii-kinds.ts";
import { nativeRegex } from "./native-regex.ts";

/*
 * Context-dependent PII: numbers whose meaning depends on a nearby word (phone numbers in national format,
 * dates of birth, national and tax IDs, passport and licence numbers), street addresses, and person names.
 *
 * Cost model (ReDoS discipline of the README): full-text passes are one digit-anchored token regex, one
 * indexOf pass per name trigger (literals starting with rare characters: "Dear ", "I'm ", ":" …) and a
 * linear scan from each trigger. Context words are matched only in a ≤ 48-char window before a numeric
 * token, every quantifier is bounded and every repeated group consumes a mandatory separator.
 */

// ---------------------------------------------------------------- context words before a number

type Ctx = "phone" | "dob" | "ssn" | "bsn" | "steuer" | "tfn" | "pesel" | "personnummer" | "cpf" | "aadhaar" | "passport" | "license" | "address" | "bank" | "routing";

const CTX_LIST: ReadonlyArray<readonly [Ctx, string]> = [
  ["phone", "phone phones telephone tel mobile mob cell cellphone call calls fax whatsapp sms téléphone telephone tél portable telefon telefonnummer handy handynummer mobilnummer teléfono telefono móvil movil cellulare telefone celular telefoon mobiel nummer telefonnummer numéro número numero"],
  ["dob", "born dob birth birthday birthdate née né nee geboren geburtsdatum geb nacimiento nacido nacida naissance nascita nato nata nascimento nasceu urodzenia urodzony urodzona född födelsedatum geboortedatum"],
  ["ssn", "ssn"],
  ["bsn", "bsn burgerservicenummer sofinummer sofi"],
  ["steuer", "steuer steuerid idnr steueridentifikationsnummer identifikationsnummer steuernummer"],
  ["tfn", "tfn"],
  ["pesel", "pesel"],
  ["personnummer", "personnummer personnr"],
  ["cpf", "cpf"],
  ["aadhaar", "aadhaar aadhar uidai"],
  ["passport", "passport passeport reisepass pasaporte passaporto passaporte paspoort paspoortnummer paszport passnummer"],
  ["license", "license licence licensed führerschein fuhrerschein permis licencia patente rijbewijs dl"],
  // Bank accounts: not "account" alone ("my AWS account 123456789012" is a cloud account id), nor
  // "checking" or "savings" alone ("checking ticket 12345678", "savings of 25000000 yen"), but "account
  // number", "bank account", "checking account", "savings account", "acct" and their translations.
  ["bank", "acct kontonummer rekeningnummer"],
  ["routing", "routing aba"],
  ["address", "address addr adresse dirección direccion indirizzo anschrift endereço endereco adres live lives living reside resides ship deliver moved mailing"],
];
const GENERIC_NUMBER_WORDS = new Set(["nummer", "numéro", "número", "numero"]);
const CTX_WORDS = new Map<string, Ctx>(CTX_LIST.flatMap(([ctx, words]) => words.split(" ").map((w) => [w, ctx] as const)));

/** Context of two-word phrases keyed by their first word: "social security", "tax file", "tax id", "date of birth". */
function phraseCtx(word: string, next: string): Ctx | null {
  if (word === "social" && next === "security") return "ssn";
  if (word === "date" && next === "of") return null;
  if (word === "tax") return next === "file" ? "tfn" : next === "id" || next === "identification" ? "steuer" : null;
  if (word === "d" && next === "o") return "dob"; // "d.o.b."
  if ((word === "account" || word === "acct") && (next === "number" || next === "no" || next === "nr" || next === "num")) return "bank";
  if ((word === "bank" || word === "checking" || word === "savings") && (next === "account" || next === "acct")) return "bank";
  if (word === "sort" && next === "code") return "bank";
  return null;
}

/**
 * The context word nearest before `pos` (≤ 48 chars, same paragraph), or null. Splits the window into
 * letter words and looks each up in a map: a few lookups instead of a regex alternation per token.
 */
function contextBefore(text: string, pos: number): Ctx | null {
  let from = Math.max(0, pos - 48);
  for (let k = pos - 1; k > from; k--) {
    if (text.charCodeAt(k) === 10 && text.charCodeAt(k - 1) === 10) {
      from = k;
      break;
    }
  }
  let found: Ctx | null = null;
  let prev = "";
  let i = from;
  while (i < pos) {
    while (i < pos && !isLetter(text.charCodeAt(i))) i++;
    const ws = i;
    while (i < pos && isLetter(text.charCodeAt(i))) i++;
    if (i === ws) break;
    const word = text.slice(ws, i).toLowerCase();
    const ctx = CTX_WORDS.get(word) ?? phraseCtx(prev, word);
    // "Nummer"/"numéro" name a phone only when nothing more specific precedes them ("Reisepass-Nummer").
    if (ctx && (found === null || !GENERIC_NUMBER_WORDS.has(word))) found = ctx;
    prev = word;
  }
  return found;
}

// ---------------------------------------------------------------- dates of birth

const MONTH = String.raw`(?:jan(?:uary|vier|uar)?|feb(?:ruary|rero|braio|ruar)?|f[ée]vrier|mar(?:ch|s|zo)?|m[äa]rz|apr(?:il|ile)?|avril|abril|may|mayo|mai|maggio|june?|juin|juni|junio|giugno|july?|juillet|juli|julio|luglio|aug(?:ust)?|ao[ûu]t|agosto|sep(?:t(?:ember|embre)?)?|settembre|oct(?:ober|obre)?|okt(?:ober)?|octubre|ottobre|nov(?:ember|embre)?|noviembre|dec(?:ember)?|d[ée]cembre|dezember|diciembre|dicembre|enero|gennaio)`;
/** A day and month name before a year: "12 March ", "12th of March ", "March 12, ", "12. März ", "12 de marzo de ". */
const DATE_HEAD = new RegExp(String.raw`(?:\d{1,2}(?:st|nd|rd|th|er|\.|º)?\s{1,2}(?:de\s|of\s)?${MONTH}\.?,?\s{1,2}(?:de\s)?|${MONTH}\.?\s{1,2}\d{1,2}(?:st|nd|rd|th)?,?\s{1,2})$`);
const NUMERIC_DATE = /^(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2} \d{1,2} \d{4})$/;

function dobSpan(text: string, s: number, e: number, raw: string): [number, number] | null {
  if (NUMERIC_DATE.test(raw)) return [s, e];
  if (raw.length === 4 && (raw.startsWith("19") || raw.startsWith("20"))) {
    const head = DATE_HEAD.exec(text.slice(Math.max(0, s - 32), s).toLowerCase());
    if (head) return [s - head[0].length, e];
  }
  return null;
}

// ---------------------------------------------------------------- street addresses

/** Street-type words that end an English street name ("Main St", "Baker Street", faker's "Smith Ports"). */
const STREET_SUFFIX = new Set(
  (
    "Street St Avenue Ave Av Road Rd Boulevard Blvd Lane Ln Drive Dr Court Ct Place Pl Terrace Ter Way Circle Cir Parkway Pkwy " +
    "Highway Hwy Square Sq Trail Trl Crescent Cres Close Gardens Row Walk Hill Hills Mews Grove Park Alley Bend Bluff Bridge Brook " +
    "Burg Bypass Camp Canyon Cape Causeway Center Centre Cliff Cliffs Club Common Corner Corners Course Courts Cove Coves Creek Crest " +
    "Crossing Crossroad Curve Dale Dam Divide Estate Estates Expressway Extension Falls Ferry Field Fields Flat Flats Ford Fords Forest " +
    "Forge Forks Fort Freeway Garden Gateway Glen Glens Green Greens Groves Harbor Harbors Haven Heights Hollow Inlet Island Islands " +
    "Isle Junction Junctions Key Keys Knoll Knolls Lake Lakes Landing Light Lights Loaf Lock Locks Lodge Loop Mall Manor Manors Meadow " +
    "Meadows Mill Mills Mission Motorway Mount Mountain Mountains Neck Orchard Oval Overpass Parks Parkways Pass Passage Path Pike Pine " +
    "Pines Plain Plains Plaza Point Points Port Ports Prairie Radial Ramp Ranch Rapid Rapids Rest Ridge Ridges River Roads Route Run " +
    "Shoal Shoals Shore Shores Skyway Spring Springs Spur Spurs Squares Station Stravenue Stream Streets Summit Throughway Trace Track " +
    "Trafficway Tunnel Turnpike Underpass Union Unions Valley Valleys Via Viaduct View Views Village Villages Ville Vista Wall Walks " +
    "Well Wells Wharf Yard Yards"
  ).split(" "),
);
/** Street-type words that start a street name after the number ("12 rue de la Paix", "5 Via Roma" is rare, see below). */
const STREET_PREFIX = new Set("rue avenue av boulevard bd place chemin allée allee impasse quai route cours via viale piazza corso largo calle avenida avda plaza paseo rua travessa straat laan".split(" "));
/** Lower-case words allowed inside a street or person name. */
const PARTICLES = new Set("de la le les los las du des d l del della delle di da dos das do van von der den ter ten y e et the of and al el bin st".split(" "));
/** Lower-case words inside (or, first two lines, leading) a person's name: "van Dijk", "María de los Ángeles". */
const NAME_PARTICLES = new Set("de la le los las du des del della di da dos das do van von der den ter ten al el bin y e".split(" "));
const DIRECTIONS = new Set("N S E W NE NW SE SW North South East West".split(" "));
/** A street keyword in the text before a house number: "Hauptstraße 5", "Calle Mayor 10", "Via Roma 1". */
const STREET_WORD = /(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm|ufer|calle|c\/|avenida|avda\.?|plaza|paseo|via|viale|piazza|corso|largo|rua|travessa|straat|laan|gracht|plein|gatan|v[äa]gen|ulica|ul\.|street|road|lane|avenue|rue|boulevard|chemin|place)\b/;

const UNIT = /,? ?(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Fl\.?|Floor|Room|Rm\.?|Bldg\.?|Building|#) ?#?[A-Za-z0-9-]{1,6}(?![A-Za-z0-9])/y;
const CITY_STATE_ZIP = /,? ?\n?[A-Z][A-Za-z.'-]{1,20}(?: [A-Z][A-Za-z.'-]{1,20}){0,2},? [A-Z]{2},? \d{5}(?:-\d{4})?(?!\d)/y;
const UK_POSTCODE = /,? ?\n?(?:[A-Z][A-Za-z'-]{1,20}(?: [A-Z][A-Za-z'-]{1,20}){0,2},? )?[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}(?![A-Za-z0-9])/y;
const POSTCODE_CITY = /,? ?\n?(?:[A-Z]{1,2}-)?(?:\d{5}|\d{4}(?: ?[A-Z]{2})?|\d{3} \d\d|\d\d-\d{3}) [A-ZÀ-Þ][A-Za-zÀ-ÿ'-]{1,24}(?:[ -][A-ZÀ-Þ][A-Za-zÀ-ÿ'-]{1,24})?/y;

function stickyEnd(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.exec(text) !== null ? re.lastIndex : -1;
}

/** End of a word of letters (and "'" "-" "." inside) starting at i, at most 24 chars; i if none. */
function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i < 24) {
    const c = text.charCodeAt(j);
    if (isLetter(c) || isDigit(c) || ((c === 39 || c === 45 || c === 0x2019) && isLetter(text.charCodeAt(j + 1)))) j++;
    else break;
  }
  return j;
}

/** City, state, ZIP / postcode and unit after a street; returns the new end. */
function addressTail(text: string, end: number): number {
  let e = end;
  if (text.charCodeAt(e) === 46) e++; // "St."
  const unit = stickyEnd(UNIT, text, e);
  if (unit > 0) e = unit;
  for (const re of [CITY_STATE_ZIP, UK_POSTCODE, POSTCODE_CITY]) {
    const t = stickyEnd(re, text, e);
    if (t > 0) return t;
  }
  return e;
}

/** "123 Main St …", "221B Baker Street", "12 rue de la Paix …" at s (a house number); returns the end or -1. */
function streetAfterNumber(text: string, s: number, forceCtx: boolean): number {
  let i = s;
  while (isDigit(text.charCodeAt(i)) && i - s < 5) i++;
  if (isLetter(text.charCodeAt(i)) && !isLetter(text.charCodeAt(i + 1))) i++; // "221B"
  if (text.charCodeAt(i) === 44) i++;
  if (text.charCodeAt(i) !== 32) return -1;
  i++;
  let words = 0;
  let named = 0;
  let lastEnd = -1;
  const firstEnd = wordEnd(text, i);
  const first = text.slice(i, firstEnd);
  const prefixType = STREET_PREFIX.has(first.toLowerCase().replace(/\.$/, ""));
  for (let w = 0; w < 6; w++) {
    const we = wordEnd(text, i);
    if (we === i) break;
    const word = text.slice(i, we);
    const c = text.charCodeAt(i);
    if (STREET_SUFFIX.has(word) && named > 0 && !prefixType) return addressTail(text, we);
    if (isUpperLetter(c) || (isDigit(c) && /^\d{1,3}(?:st|nd|rd|th)$/.test(word))) {
      if (!DIRECTIONS.has(word) || w > 0) named++;
    } else if (!(PARTICLES.has(word) || (w === 0 && prefixType))) break;
    words++;
    lastEnd = we;
    let next = we;
    if (text.charCodeAt(next) === 39 || text.charCodeAt(next) === 0x2019) next++; // "l'Église"
    else if (text.charCodeAt(next) === 32) next++;
    else break;
    i = next;
  }
  if (prefixType && named > 0 && lastEnd > 0) return addressTail(text, lastEnd);
  if (forceCtx && named > 0 && words >= 1 && lastEnd > 0) {
    const tail = addressTail(text, lastEnd);
    return tail > lastEnd ? tail : -1;
  }
  return -1;
}

/** "Hauptstraße 5, 10115 Berlin", "Calle Mayor 10, 28013 Madrid": a postcode and city after a street and number. */
function streetBeforePostcode(text: string, s: number, forceCtx: boolean): [number, number] | null {
  const end = stickyEnd(POSTCODE_CITY, text, s);
  if (end < 0) return null;
  let from = Math.max(0, s - 60);
  for (const stop of ["\n", ":", ";", "(", ". "]) {
    const at = text.lastIndexOf(stop, s - 1);
    if (at >= from) from = at + stop.length;
  }
  const before = text.slice(from, s);
  const m = /(\d{1,4}[a-zA-Z]?|[A-ZÀ-Þ][\p{L}.'-]{1,30}),?\s{1,2}$/u.exec(before);
  if (!m) return null;
  // The street: from the first capital or digit of the segment.
  let st = 0;
  while (st < before.length && !isUpperLetter(before.charCodeAt(st)) && !isDigit(before.charCodeAt(st))) st++;
  const street = before.slice(st).toLowerCase();
  const withPrefix = text.slice(Math.max(0, from + st - 4), s).toLowerCase(); // "ul. ", "Av. " cut off by the ". " stop
  if (street.length < 5 || !/\d/.test(street.slice(0, -1) + (m[1] ?? "")) || !(forceCtx || STREET_WORD.test(withPrefix))) return null;
  return [from + st, end];
}

// ---------------------------------------------------------------- numeric tokens

/**
 * One pass over digit-anchored tokens: a codice-fiscale middle ("85T10A562"), a house or postal number
 * followed by a capitalised word or a street type, or a run of ≥ 4 digits and single separators.
 */
const TOKEN = nativeRegex(/\d(?:\d{0,4}[A-Za-z]?,? (?=[A-ZÀ-Þrabpcqvi])|[\d ./-]{2,40}\d|\d[A-EHLMPR-T]\d\d[A-Z]\d{3}[A-Z])/g);

const FR_PHONE = /^0[1-9](?:[ .-]?\d\d){4}$/;
const UK_PHONE = /^0(?:\d{3} \d{3} \d{4}|\d{2} \d{4} \d{4}|7\d{3} \d{6}|\d{4} \d{6}|\d{3} \d{6})$/;
/** PAN: the fourth letter is the holder's type (person, company, HUF, firm, AOP, trust, BOI, local authority, juridical person, government). */
const INDIAN_PAN = /^[A-Z]{3}[PCHFATBLJG][A-Z]\d{4}[A-Z]$/;

/** ITIN group digits (the fourth and fifth): 50–65, 70–88, 90–92, 94–99 (IRS). */
function itinGroupValid(group: string): boolean {
  const g = Number(group);
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}

const AU_PHONE = /^04\d\d \d{3} \d{3}$/;
const JP_PHONE = /^0\d{1,4}-\d{1,4}-\d{4}$/;
const IN_MOBILE = /^[6-9]\d{4} \d{5}$/;

function push(out: Finding[], s: number, e: number, key: PiiLabelKey): void {
  out.push(piiFinding(s, e, key));
}

function numericToken(text: string, s: number, e: number, out: Finding[]): number {
  let n = 0;
  for (let i = s; i < e; i++) if (isDigit(text.charCodeAt(i))) n++;
  const before = s > 0 ? text.charCodeAt(s - 1) : 32;
  const after = e < text.length ? text.charCodeAt(e) : 32;
  // Fast exit for the short numbers of ordinary text (versions, amounts, years): only a 4-digit year
  // (a date of birth's tail) or a numeric date can still matter.
  const glued = isAlnumAscii(before) || isAlnumAscii(after);
  if (n < (glued ? 4 : 6) && !(n === 4 && (e - s === 4 ? (text.startsWith("19", s) || text.startsWith("20", s)) : true))) return e;
  const raw = text.slice(s, e);
  const seps = raw.length - n;
  const digits = seps === 0 ? raw : raw.replace(/\D/g, "");

  // Identifiers with letters around the digits.
  if (glued) {
    let ps = s;
    while (ps > 0 && s - ps < 6 && isAlnumAscii(text.charCodeAt(ps - 1))) ps--;
    let se = e;
    while (se < text.length && se - e < 2 && isAlnumAscii(text.charCodeAt(se))) se++;
    if ((ps > 0 && isAlnumAscii(text.charCodeAt(ps - 1))) || isAlnumAscii(text.charCodeAt(se))) return e; // part of a longer word
    const prefix = text.slice(ps, s).toUpperCase();
    const suffix = text.slice(e, se).toUpperCase();
    if (seps === 0 && n === 7 && prefix.length === 1 && suffix.length === 1) {
      if (dniValid(prefix + digits + suffix)) return push(out, ps, se, "dni"), se;
      if (nricValid(prefix + digits + suffix)) return push(out, ps, se, "nric"), se;
    }
    if (seps === 0 && n === 8 && prefix === "" && suffix.length === 1 && dniValid(digits + suffix)) return push(out, s, se, "dni"), se;
    if (seps === 0 && n === 17 && prefix === "" && suffix === "X" && chinaIdValid(digits + "X")) return push(out, s, se, "chinaId"), se;
    if (seps === 0 && n === 6 && /^[A-Z]{2}$/.test(text.slice(ps, s)) && /^[A-D]$/.test(text.slice(e, se)) && ninoPrefixValid(prefix)) return push(out, ps, se, "nino"), se;
    // Indian PAN "ABCPE1234F": five capitals whose fourth names the holder's type, four digits, a capital.
    if (seps === 0 && n === 4 && s - ps === 5 && se - e === 1 && INDIAN_PAN.test(text.slice(ps, se))) return push(out, ps, se, "pan"), se;
    if (n < 4) return e;
    const ctx = contextBefore(text, ps);
    // Licences run longer than passports with their hyphens: Illinois "D123-4567-8901", Florida "D123-456-78-901-0".
    if ((ctx === "passport" || ctx === "license") && se - ps >= 6 && se - ps <= (ctx === "license" ? 18 : 12) && n >= 4) return push(out, ps, se, ctx), se;
    return e;
  }

  // Shapes that are identifying on their own (checksum or structure).
  if (n === 9 && /^\d{3}-\d\d-\d{4}$/.test(raw) && after !== 45 && before !== 45 && ssnValid(raw.slice(0, 3), raw.slice(4, 6), raw.slice(7))) return push(out, s, e, "ssn"), e;
  // US ITIN: an SSN's shape with area 9xx (never an SSN) and the IRS's group ranges.
  if (n === 9 && /^9\d\d-\d\d-\d{4}$/.test(raw) && after !== 45 && before !== 45 && itinGroupValid(raw.slice(4, 6))) return push(out, s, e, "itin"), e;
  if (n === 9 && /^\d{3}([ -])\d{3}\1\d{3}$/.test(raw) && before !== 45 && sinValid(digits)) {
    const c = contextBefore(text, s);
    if (c === null || c === "ssn" || c === "phone") return push(out, s, e, "sin"), e;
  }
  if (n === 6 && /^\d\d ?\d\d ?\d\d$/.test(raw)) {
    // UK NINO "AB 12 34 56 C" / "AB123456C": upper-case prefix letters and suffix A–D by hand.
    const spaced = raw.length === 8;
    const ls = s - (spaced ? 3 : 2);
    const suffixAt = spaced ? e + 1 : e;
    const prefix = text.slice(ls, ls + 2);
    if (ls >= 0 && (!spaced || (before === 32 && after === 32)) && /^[A-Z]{2}$/.test(prefix) && !isAlnumAscii(text.charCodeAt(ls - 1))) {
      const suffix = text.charCodeAt(suffixAt);
      if (suffix >= 65 && suffix <= 68 && !isAlnumAscii(text.charCodeAt(suffixAt + 1)) && ninoPrefixValid(prefix)) return push(out, ls, suffixAt + 1, "nino"), suffixAt + 1;
    }
  }
  if (seps === 0 && n === 18 && chinaIdValid(digits)) return push(out, s, e, "chinaId"), e;
  if (n === 15 && (seps === 0 || /^\d \d\d \d\d \d\d \d{3} \d{3} \d\d$/.test(raw)) && nirValid(digits)) return push(out, s, e, "nir"), e;
  if (n === 11 && /^\d{3}\.\d{3}\.\d{3}-\d\d$/.test(raw) && cpfValid(digits)) return push(out, s, e, "cpf"), e;
  if (n === 12 && /^\d{8}-\d{4}$/.test(raw) && personnummerValid(digits)) return push(out, s, e, "personnummer"), e;
  if (n === 12 && /^\d{4} \d{4} \d{4}$/.test(raw) && aadhaarValid(digits)) return push(out, s, e, "aadhaar"), e;
  if (n === 10 && FR_PHONE.test(raw) && seps >= 3) return push(out, s, e, "phone"), e;
  if (n >= 10 && n <= 11 && (UK_PHONE.test(raw) || AU_PHONE.test(raw))) return push(out, s, e, "phone"), e;

  if (n < 6 && !(n >= 4 && (NUMERIC_DATE.test(raw) || /^(?:19|20)\d\d$/.test(raw)))) return e;
  const ctx = contextBefore(text, s);
  if (ctx === null) return e;
  switch (ctx) {
    case "phone": {
      const plain = seps === 0 || /^[\d .\-/]+$/.test(raw);
      if (!plain) break;
      const trunk = digits.startsWith("0") && n >= 9 && n <= 12;
      const nanp = n === 10 && digits.charCodeAt(0) >= 50 && digits.charCodeAt(3) >= 50;
      const india = n === 10 && digits.charCodeAt(0) >= 54 && (seps === 0 || IN_MOBILE.test(raw));
      if (trunk || nanp || india || JP_PHONE.test(raw)) push(out, s, e, "phone");
      break;
    }
    case "dob": {
      const span = dobSpan(text, s, e, raw);
      if (span) push(out, span[0], span[1], "dob");
      break;
    }
    case "ssn":
      if (n === 9 && ssnValid(digits.slice(0, 3), digits.slice(3, 5), digits.slice(5))) push(out, s, e, "ssn");
      break;
    case "bsn":
      if ((n === 9 || n === 8) && bsnValid(digits)) push(out, s, e, "bsn");
      break;
    case "steuer":
      if (n === 11 && steuerIdValid(digits)) push(out, s, e, "steuerId");
      break;
    case "tfn":
      if ((n === 9 || n === 8) && tfnValid(digits)) push(out, s, e, "tfn");
      break;
    case "personnummer":
      if ((n === 10 || n === 12) && personnummerValid(digits)) push(out, s, e, "personnummer");
      break;
    case "pesel":
      if (n === 11 && peselValid(digits)) push(out, s, e, "pesel");
      break;
    case "cpf":
      if (n === 11 && cpfValid(digits)) push(out, s, e, "cpf");
      break;
    case "aadhaar":
      if (n === 12 && aadhaarValid(digits)) push(out, s, e, "aadhaar");
      break;
    case "passport":
    case "license":
      if (n >= 6 && n <= 12) push(out, s, e, ctx);
      break;
    case "routing":
      if (n === 9 && seps === 0 && abaValid(digits)) push(out, s, e, "routing");
      break;
    case "bank":
      // Account numbers are 8–17 digits (US), 8 (UK, after a sort code), 10 (DE); sort codes "12-34-56".
      if ((n >= 8 && n <= 17 && seps === 0) || /^\d\d-\d\d-\d\d$/.test(raw)) push(out, s, e, "bankAccount");
      break;
    default:
      break;
  }
  return e;
}

export function scanContextNumbers(text: string, out: Finding[]): void {
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null && out.length < MAX_FINDINGS_PER_FIELD) {
    const s = m.index;
    const raw = m[0];
    const e = s + raw.length;
    if (s > 0 && isDigit(text.charCodeAt(s - 1))) continue;
    const last = raw.charCodeAt(raw.length - 1);
    if (last === 32 || last === 44) {
      // House or postal number before a word; not one glued to letters before it ("ABCPE1234F and"), whose
      // digits are an identifier's.
      if (s > 0 && (isLetter(text.charCodeAt(s - 1)) || text.charCodeAt(s - 1) === 46)) {
        let de = s;
        while (isDigit(text.charCodeAt(de))) de++;
        if (de - s >= 4 && isLetter(text.charCodeAt(s - 1))) TOKEN.lastIndex = Math.max(TOKEN.lastIndex, numericToken(text, s, de, out));
        continue;
      }
      let street = streetAfterNumber(text, s, false);
      const ctx = street < 0 && isUpperLetter(raw.charCodeAt(raw.length - 1) === 32 ? text.charCodeAt(e) : 0) && contextBefore(text, s) === "address";
      if (ctx) street = streetAfterNumber(text, s, true);
      if (street > 0) {
        push(out, s, street, "address");
        TOKEN.lastIndex = street;
        continue;
      }
      if (/^\d{4,5} $/.test(raw)) {
        const span = streetBeforePostcode(text, s, ctx);
        if (span) {
          push(out, span[0], span[1], "address");
          TOKEN.lastIndex = span[1];
          continue;
        }
      }
      let de = s;
      while (isDigit(text.charCodeAt(de))) de++;
      if (de - s >= 4) TOKEN.lastIndex = Math.max(TOKEN.lastIndex, numericToken(text, s, de, out));
      continue;
    }
    if (isAsciiUpper(raw.charCodeAt(2))) {
      // Codice fiscale: six letters before the matched middle.
      const cs = s - 6;
      if (cs >= 0 && !isAlnumAscii(text.charCodeAt(cs - 1)) && codiceFiscaleValid(text.slice(cs, e).toUpperCase()) && !isAlnumAscii(text.charCodeAt(e))) {
        push(out, cs, e, "codiceFiscale");
      }
      continue;
    }
    if (raw.length >= 4 && raw.length <= 6 && text.charCodeAt(e) === 32 && isUpperLetter(text.charCodeAt(e + 1)) && /^(?:\d{4,5}|\d{3} \d\d|\d\d-\d{3})$/.test(raw)) {
      // A postcode and city after a street: "Hauptstraße 5, 10115 Berlin".
      const span = streetBeforePostcode(text, s, false);
      if (span) {
        push(out, span[0], span[1], "address");
        TOKEN.lastIndex = span[1];
        continue;
      }
    }
    TOKEN.lastIndex = numericToken(text, s, e, out);
  }
}

// ---------------------------------------------------------------- person names

/** Capitalised words that follow name triggers but are not names. */
const NOT_NAMES = new Set(
  (
    "The This That These Those It Its I We You He She They My Our Your His Her Their A An And Or But Not No Yes So If " +
    "Sir Sirs Madam Madame Mesdames Messieurs Monsieur Customer Customers Client Clients Team All Everyone Colleague Colleagues Friend " +
    "Friends Valued Hiring Manager Managers Support Sales Admin Administrator User Users Member Members Partner Partners Applicant " +
    "Candidate Reader Readers Recipient Owner Guest Guests Student Students Parent Parents Patient Patients Employee Staff Board " +
    "Important Here There Hello Hi Hey Thanks Thank Please Sorry Happy Glad Going Using Looking Working Trying Just Also Still Now " +
    "Today Tomorrow Yesterday Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July " +
    "August September October November December Unknown None Null Undefined True False Test Example Sample Name Names Address Phone " +
    "Email Date Required Optional Other Same Not Mr Mrs Ms Dr Prof Miss Mx Best Kind Regards Sincerely Cheers Hope Sure Okay Ok " +
    "Lorem Ipsum Foo Bar Baz Admin Root Anonymous Guest Nobody Somebody Someone Anyone Human Bot Assistant AI Chatbot GPT " +
    "ChatGPT English French German Spanish Italian Dutch New Old Big Small Very Really Quite Not Currently " +
    "Trying Available Interested Writing Reading Asking Wondering Confused Stuck Done Ready Back Home Fine Well Good Great " +
    "Monsieur Señor Señora Herr Frau Signor Signora Team Équipe Equipe Kunde Kundin Cliente Usuario Utilisateur Benutzer"
  ).split(" "),
);

/** End of a capitalised name word at i (≥ 2 letters, not all capitals beyond 3 letters), or -1. */
function nameWordEnd(text: string, i: number): number {
  if (!isUpperLetter(text.charCodeAt(i))) return -1;
  let j = i + 1;
  let lower = 0;
  while (j < text.length && j - i <= 24) {
    const c = text.charCodeAt(j);
    if (isLetter(c)) {
      if (!isUpperLetter(c)) lower++;
      j++;
    } else if ((c === 39 || c === 45 || c === 0x2019) && isUpperLetter(text.charCodeAt(j + 1))) j++;
    else break;
  }
  if (j - i < 2 || j - i > 24 || lower === 0) return -1;
  const c = text.charCodeAt(j);
  if (isDigit(c) || c === 95 || c === 64) return -1; // identifiers, e-mail local parts
  return j;
}

/** Reads a name of `min`–4 capitalised words (lower-case particles allowed inside) at i; returns its end or -1. */
function readName(text: string, i: number, min: number): number {
  let p = i;
  let count = 0;
  let end = -1;
  for (let w = 0; w < 8 && count < 4; w++) {
    const e = nameWordEnd(text, p);
    if (e < 0) {
      const pe = wordEnd(text, p);
      const pe2 = wordEnd(text, pe + 1);
      const twoParticles = pe2 > pe + 1 && NAME_PARTICLES.has(text.slice(pe + 1, pe2)) && text.charCodeAt(pe2) === 32; // "van der Berg"
      if (pe > p && NAME_PARTICLES.has(text.slice(p, pe)) && text.charCodeAt(pe) === 32 && (nameWordEnd(text, pe + 1) > 0 || (twoParticles && nameWordEnd(text, pe2 + 1) > 0))) {
        p = pe + 1;
        continue;
      }
      break;
    }
    if (NOT_NAMES.has(text.slice(p, e))) break;
    count++;
    end = e;
    if (text.charCodeAt(e) !== 32) break;
    p = e + 1;
  }
  return count >= min ? end : -1;
}

const TITLE = /(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Mme|Mlle|M|Sr|Sra|Srta|Sig|Sig\.ra|Dott|Dott\.ssa)\.? /y;

function skipTitle(text: string, i: number): number {
  const t = stickyEnd(TITLE, text, i);
  return t > 0 ? t : i;
}

/**
 * Name triggers, grouped by a literal anchor that is rare in prose (an indexOf per anchor is the only
 * full-text work): at each anchor hit the phrases of that group are compared in place. `min` is the fewest
 * capitalised words the name needs ("I'm Maria García" but not "I'm Happy").
 */
const NAME_TRIGGERS: ReadonlyArray<readonly [anchor: string, phrases: ReadonlyArray<readonly [string, number]>]> = [
  ["y name", [["My name is ", 1], ["my name is ", 1], ["My name's ", 1], ["my name's ", 1]]],
  ["I'm ", [["I'm ", 2]]],
  ["I am ", [["I am ", 2]]],
  ["I’m ", [["I’m ", 2]]],
  ["Ich hei", [["Ich heiße ", 1], ["Ich heisse ", 1]]],
  ["M", [["Me llamo ", 1], ["Mi nombre es ", 1], ["Mi chiamo ", 1], ["Mein Name ist ", 1], ["Meu nome é ", 1], ["Mijn naam is ", 1], ["Mon nom est ", 1], ["Mr. ", 1], ["Mrs. ", 1], ["Ms. ", 1], ["Mr ", 2], ["Mrs ", 2], ["Ms ", 2], ["Mme ", 1], ["Mlle ", 1]]],
  ["D", [["Dear ", 1], ["Dr. ", 1], ["Dr ", 2]]],
  ["'appelle ", [["'appelle ", 1]]],
  ["Prof. ", [["Prof. ", 1]]],
  ["Sehr geehrte", [["Sehr geehrte Frau ", 1], ["Sehr geehrter Herr ", 1]]],
  [",\n", [[",\n", 1]]],
];
/** Triggers that are a title or a salutation, not a statement of identity: their names are weaker evidence. */
const TITLE_PHRASES: ReadonlySet<string> = new Set(["Mr. ", "Mrs. ", "Ms. ", "Mr ", "Mrs ", "Ms ", "Mme ", "Mlle ", "Dear ", "Dr. ", "Dr ", "Prof. ", "Sehr geehrte Frau ", "Sehr geehrter Herr "]);

/** Sign-offs before ",\n" after which a name follows. */
const SIGN_OFF = /(?:regards|sincerely|cheers|thanks|thank you|best|yours|warmly|cordialement|salutations|saludos|atentamente|gr[üu](?:ß|ss)e|gru(?:ß|ss)|saluti|groeten|hälsningar|pozdrawiam|signed)$/;

/** Labels before ":" (lower case) after which a name or an address follows. */
const NAME_LABEL = /(?:^|[^\p{L}])(?:full name|first name|last name|given name|family name|surname|name|patient(?: name)?|customer(?: name)?|client(?: name)?|employee(?: name)?|contact(?: person| name)?|account holder|card ?holder|holder|beneficiary|recipient|signed|signature|attn|nom complet|nom|prénom|prenom|nombre completo|nombre|apellidos?|vorname|nachname|ansprechpartner(?:in)?|nome|cognome|naam|voornaam|achternaam|imię|nazwisko|namn)["']?\s{0,2}$/u;
const ADDRESS_LABEL = /(?:^|[^\p{L}])(?:(?:home|street|postal|mailing|shipping|billing|delivery|business) address|address|addr|adresse|direcci[óo]n|domicilio|indirizzo|anschrift|endere[çc]o|adres|morada)["']?\s{0,2}$/u;

/**
 * The last word of every NAME_LABEL and ADDRESS_LABEL alternative. A colon whose preceding word is not one
 * of them cannot complete either regex, so most colons (code, times, URLs) skip the slice, the lower-casing
 * and both regex tests.
 */
const LABEL_LAST_WORDS: ReadonlySet<string> = new Set(
  ("name holder cardholder surname patient customer client employee contact person beneficiary recipient signed signature attn complet " +
    "nom prénom prenom nombre completo apellido apellidos vorname nachname ansprechpartner ansprechpartnerin nome cognome naam voornaam achternaam " +
    "imię nazwisko namn address addr adresse dirección direccion domicilio indirizzo anschrift endereço endereco adres morada").split(" "),
);

function endsWithLabelWord(text: string, colon: number): boolean {
  let k = colon - 1;
  // NAME_LABEL and ADDRESS_LABEL allow a closing quote and up to two spaces before the colon.
  while (k >= 0 && colon - k <= 4 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 34 || text.charCodeAt(k) === 39)) k--;
  let w = k;
  while (w >= 0 && k - w < 20 && isLetter(text.charCodeAt(w))) w--;
  return k > w && LABEL_LAST_WORDS.has(text.slice(w + 1, k + 1).toLowerCase());
}

/**
 * A name at i (after spaces, a quote and a title). `labelled`: after "Name:"-style labels a single word
 * followed by a lower-case word is a title or a thing ("Name: Sales report"), not a person.
 */
function nameAt(text: string, i: number, min: number, out: Finding[], labelled = false, titled = false): void {
  let p = i;
  while ((text.charCodeAt(p) === 32 || text.charCodeAt(p) === 10 || text.charCodeAt(p) === 13 || text.charCodeAt(p) === 34) && p - i < 4) p++;
  p = skipTitle(text, p);
  const end = readName(text, p, min);
  if (end < 0) return;
  if (labelled && text.charCodeAt(end) === 32 && isLetter(text.charCodeAt(end + 1)) && !isUpperLetter(text.charCodeAt(end + 1)) && text.indexOf(" ", p) === end) return;
  if (isPlaceholderName(text, p, end)) return;
  // A leading particle ("de Jonge", "van Dijk") belongs to the name only when a capitalised word follows.
  out.push(piiFinding(p, end, titled ? "titledName" : "name"));
}

/**
 * The surnames of the names forms and code samples use for nobody ("John Doe", "Max Mustermann", "Joe
 * Bloggs"): `{"name": "John Doe"}` in a coding question is not personal data.
 */
const PLACEHOLDER_SURNAMES: ReadonlySet<string> = new Set(["Doe", "Roe", "Mustermann", "Musterfrau", "Bloggs"]);

function isPlaceholderName(text: string, start: number, end: number): boolean {
  const space = text.lastIndexOf(" ", end - 1);
  return space > start && PLACEHOLDER_SURNAMES.has(text.slice(space + 1, end));
}

/** A labelled address: the rest of the line (≤ 120 chars) when it holds a number and a capitalised word. */
function addressAt(text: string, i: number, out: Finding[]): void {
  let p = i;
  while ((text.charCodeAt(p) === 32 || text.charCodeAt(p) === 34) && p - i < 4) p++;
  let e = p;
  while (e < text.length && e - p < 120) {
    const c = text.charCodeAt(e);
    if (c === 10 || c === 13 || c === 59 || c === 124 || c === 34 || (c === 46 && text.charCodeAt(e + 1) === 32 && !isDigit(text.charCodeAt(e - 1)) && e - p > 3 && !/(?:St|Ave|Rd|Dr|Apt|No|Nr)$/.test(text.slice(e - 3, e)))) break;
    e++;
  }
  while (e > p && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 44 || text.charCodeAt(e - 1) === 46)) e--;
  const value = text.slice(p, e);
  if (value.length >= 8 && /\d/.test(value) && /\p{Lu}\p{Ll}/u.test(value) && !/^[\d\s.:/-]+$/.test(value)) out.push(piiFinding(p, e, "address"));
}

/**
 * "my friend Anna Schmidt", "my landlord Kevin O'Brien": a full name (two capitalised words at least) right
 * after "my" and a word for a person the writer knows. One indexOf pass per case of "my"; the word after it
 * is looked up in a set, so the pass costs the same however many relations there are.
 */
const RELATIONS: ReadonlySet<string> = new Set([
  "friend", "wife", "husband", "son", "daughter", "boss", "colleague", "coworker", "co-worker", "neighbor", "neighbour", "sister", "brother",
  "mother", "father", "mom", "mum", "dad", "manager", "partner", "client", "patient", "student", "teacher", "doctor", "landlord", "tenant",
  "girlfriend", "boyfriend", "fiancé", "fiance", "fiancée", "grandmother", "grandfather", "grandma", "grandpa", "uncle", "aunt", "cousin",
  "roommate", "flatmate", "employee", "assistant", "lawyer", "therapist", "nephew", "niece", "stepson", "stepdaughter", "ex",
  "customer", "guest", "applicant", "candidate", "intern", "contractor", "supervisor", "caregiver", "nurse", "hire", "recruit",
  "coach", "mentor", "tutor", "accountant", "dentist", "physician", "surgeon", "pharmacist", "babysitter", "nanny",
]);
/**
 * Before a relation: "my friend", "our customer", "our new hire". Not "the", "your", "his" or "her": each
 * indexOf anchor costs about 1 µs per 4 KB here, and one native regex over every owner cost 8 µs.
 */
const RELATION_OWNERS = ["my ", "My ", "our ", "Our "];

function scanRelationNames(text: string, out: Finding[]): void {
  for (const anchor of RELATION_OWNERS) {
    let at = text.indexOf(anchor);
    while (at >= 0 && out.length < MAX_FINDINGS_PER_FIELD) {
      if (at === 0 || !isLetter(text.charCodeAt(at - 1))) {
        let w = at + anchor.length;
        if (text.startsWith("new ", w)) w += 4;
        const e = text.indexOf(" ", w);
        if (e > w && e - w <= 12 && RELATIONS.has(text.slice(w, e).toLowerCase())) nameAt(text, e + 1, 2, out);
      }
      at = text.indexOf(anchor, at + 1);
    }
  }
}

export function scanNames(text: string, out: Finding[]): void {
  scanRelationNames(text, out);
  for (const [anchor, phrases] of NAME_TRIGGERS) {
    let at = text.indexOf(anchor);
    while (at >= 0 && out.length < MAX_FINDINGS_PER_FIELD) {
      let start = anchor === "y name" ? at - 1 : at;
      if (start >= 0 && (start === 0 || anchor === ",\n" || anchor === "'appelle " || !isLetter(text.charCodeAt(start - 1)))) {
        for (const [phrase, min] of phrases) {
          if (!text.startsWith(phrase, start)) continue;
          if (phrase === ",\n") {
            const word = text.slice(Math.max(0, at - 16), at).toLowerCase();
            if (SIGN_OFF.test(word)) nameAt(text, at + 2, 1, out);
          } else {
            nameAt(text, start + phrase.length, min, out, false, TITLE_PHRASES.has(phrase));
          }
          break;
        }
      }
      start = 0;
      at = text.indexOf(anchor, at + 1);
    }
  }
  // "Label: value" forms.
  let colon = text.indexOf(":");
  while (colon >= 0 && out.length < MAX_FINDINGS_PER_FIELD) {
    const next = text.charCodeAt(colon + 1);
    if ((next === 32 || next === 9 || next === 10 || next === 34) && endsWithLabelWord(text, colon)) {
      const label = text.slice(Math.max(0, colon - 32), colon).toLowerCase();
      // A quoted key is code or JSON ('{"name": "Alice", "age": 30}'), where a lone first name is sample
      // data: there, the name needs a surname too.
      const quotedKey = text.charCodeAt(colon - 1) === 34 || text.charCodeAt(colon - 1) === 39;
      if (NAME_LABEL.test(label)) nameAt(text, colon + 1, quotedKey ? 2 : 1, out, true);
      else if (ADDRESS_LABEL.test(label)) addressAt(text, colon + 1, out);
    }
    colon = text.indexOf(":", colon + 1);
  }
}
