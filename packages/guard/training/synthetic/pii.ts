/**
 * Synthetic PII for training and evaluating the risk classifier and the PII detector.
 *
 * Positives: realistic personal data from locale-specific faker instances (US, UK, DE, FR, ES, IT, NL, BR,
 * IN, AU, CA, SE, PL), plus national and tax IDs generated here with valid checksums, embedded in the
 * shapes people paste: chat requests, e-mails, support tickets, forms, CSV rows, JSON, logs and letters.
 * Negatives: texts of the same shapes with nothing personal (order numbers, versions, dates that are not
 * birthdays, prices, UUIDs, team greetings, directions, code).
 *
 * Every template is written here; no third-party PII corpus or template set is used.
 */
import {
  type Faker,
  fakerDE,
  fakerEN_AU,
  fakerEN_CA,
  fakerEN_GB,
  fakerEN_IN,
  fakerEN_US,
  fakerES,
  fakerFR,
  fakerIT,
  fakerNL,
  fakerPL,
  fakerPT_BR,
  fakerSV,
} from "@faker-js/faker";
import { mulberry32, type Rng } from "../random.ts";

export interface PiiExample {
  text: string;
  category: "pii";
  source: "synthetic-pii";
  /** PII kinds (PII_KINDS) embedded in `text`. */
  kinds: string[];
}

export interface PiiNegative {
  text: string;
  category: "benign";
  source: "synthetic-pii-negatives";
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => String(int(rng, 0, 9))).join("");
const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

// ---------------------------------------------------------------- identifiers with valid checksums

function luhnCheck(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

const ID_GENERATORS = {
  ssn: (rng: Rng) => `${pad(int(rng, 1, 665), 3)}-${pad(int(rng, 1, 99))}-${pad(int(rng, 1, 9999), 4)}`,
  nino: (rng: Rng) => `${pick(rng, ["AB", "CE", "JK", "PR", "ST", "WX", "YZ", "HL"])} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)} ${pick(rng, ["A", "B", "C", "D"])}`,
  sin: (rng: Rng) => {
    const body = `${int(rng, 1, 7)}${digits(rng, 7)}`;
    const s = `${body}${luhnCheck(body)}`;
    return `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6)}`;
  },
  nir: (rng: Rng) => {
    const body = `${int(rng, 1, 2)}${pad(int(rng, 50, 99))}${pad(int(rng, 1, 12))}${pad(int(rng, 1, 95))}${pad(int(rng, 1, 999), 3)}${pad(int(rng, 1, 999), 3)}`;
    let rem = 0;
    for (const c of body) rem = (rem * 10 + Number(c)) % 97;
    const key = pad(97 - rem);
    return `${body[0]} ${body.slice(1, 3)} ${body.slice(3, 5)} ${body.slice(5, 7)} ${body.slice(7, 10)} ${body.slice(10, 13)} ${key}`;
  },
  dni: (rng: Rng) => {
    const n = int(rng, 10_000_000, 99_999_999);
    return `${n}${"TRWAGMYFPDXBNJZSQVHLCKE"[n % 23]}`;
  },
  bsn: (rng: Rng) => {
    for (;;) {
      const b = `${int(rng, 1, 9)}${digits(rng, 7)}`;
      let sum = 0;
      for (let i = 0; i < 8; i++) sum += Number(b[i]) * (9 - i);
      const check = sum % 11;
      if (check <= 9) return `${b}${check}`;
    }
  },
  cpf: (rng: Rng) => {
    const d = digits(rng, 9).split("").map(Number);
    for (const n of [9, 10]) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += (d[i] ?? 0) * (n + 1 - i);
      d.push(((sum * 10) % 11) % 10);
    }
    const s = d.join("");
    return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`;
  },
  personnummer: (rng: Rng) => {
    const body = `${pad(int(rng, 40, 99))}${pad(int(rng, 1, 12))}${pad(int(rng, 1, 28))}${digits(rng, 3)}`;
    return `${body.slice(0, 6)}-${body.slice(6)}${luhnCheck(body)}`;
  },
  pesel: (rng: Rng) => {
    const body = `${pad(int(rng, 40, 99))}${pad(int(rng, 1, 12))}${pad(int(rng, 1, 28))}${digits(rng, 4)}`;
    const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += Number(body[i]) * (w[i] ?? 0);
    return `${body}${(10 - (sum % 10)) % 10}`;
  },
  aadhaar: (rng: Rng) => {
    const D = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],[5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]];
    const P = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],[4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]];
    const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
    const body = `${int(rng, 2, 9)}${digits(rng, 10)}`;
    let c = 0;
    for (let i = 0; i < body.length; i++) c = D[c]![P[(i + 1) % 8]![Number(body[body.length - 1 - i])]!]!;
    const s = `${body}${INV[c]}`;
    return `${s.slice(0, 4)} ${s.slice(4, 8)} ${s.slice(8)}`;
  },
  tfn: (rng: Rng) => {
    const w = [1, 4, 3, 7, 5, 8, 6, 9, 10];
    for (;;) {
      const b = digits(rng, 8);
      let sum = 0;
      for (let i = 0; i < 8; i++) sum += Number(b[i]) * (w[i] ?? 0);
      for (let last = 0; last <= 9; last++) if ((sum + last * 10) % 11 === 0) return `${b.slice(0, 3)} ${b.slice(3, 6)} ${b.slice(6)}${last}`;
    }
  },
  chinaId: (rng: Rng) => {
    const body = `${pick(rng, ["110105", "310104", "440305", "510107"])}${int(rng, 1950, 2005)}${pad(int(rng, 1, 12))}${pad(int(rng, 1, 28))}${digits(rng, 3)}`;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
    const check = (12 - (sum % 11)) % 11;
    return `${body}${check === 10 ? "X" : check}`;
  },
} as const;

// ---------------------------------------------------------------- locales

interface Locale {
  faker: Faker;
  /** Typical national phone format for this locale (faker's own formats vary a lot). */
  phone: (rng: Rng) => string;
  /** Postal address in this locale's own order. */
  address: (f: Faker, rng: Rng) => string;
  ids: ReadonlyArray<readonly [label: string, gen: (rng: Rng) => string, kind: string]>;
  words: { name: string; address: string; phone: string; dob: string; passport: string; hello: string };
}

const nanp = (rng: Rng) => `${int(rng, 2, 9)}${digits(rng, 2)}-${int(rng, 2, 9)}${digits(rng, 2)}-${digits(rng, 4)}`;
const usAddress = (f: Faker) => `${f.location.streetAddress()}, ${f.location.city()}, ${f.location.state({ abbreviated: true })} ${f.location.zipCode("#####")}`;
const euAddress = (f: Faker, rng: Rng, street: string) => `${street} ${int(rng, 1, 120)}, ${f.location.zipCode()} ${f.location.city()}`;

const EN_WORDS = { name: "Name", address: "Address", phone: "Phone", dob: "Date of birth", passport: "Passport no.", hello: "Hi" };

const LOCALES: readonly Locale[] = [
  {
    faker: fakerEN_US,
    phone: (rng) => pick(rng, [`(${int(rng, 2, 9)}${digits(rng, 2)}) ${int(rng, 2, 9)}${digits(rng, 2)}-${digits(rng, 4)}`, nanp(rng), `+1 ${nanp(rng).replace(/-/g, " ")}`]),
    address: usAddress,
    ids: [["SSN", ID_GENERATORS.ssn, "national_id"]],
    words: EN_WORDS,
  },
  {
    faker: fakerEN_GB,
    phone: (rng) => pick(rng, [`020 7${digits(rng, 3)} ${digits(rng, 4)}`, `07${digits(rng, 3)} ${digits(rng, 6)}`, `+44 20 7${digits(rng, 3)} ${digits(rng, 4)}`]),
    address: (f, rng) => `${int(rng, 1, 300)} ${f.person.lastName()} ${pick(rng, ["Road", "Street", "Lane", "Close", "Avenue"])}, ${f.location.city()} ${pick(rng, ["SW1A 1AA", "LS1 4AP", "M1 1AE", "EC1A 1BB", "B33 8TH", "CR2 6XH"])}`,
    ids: [["National Insurance number", ID_GENERATORS.nino, "national_id"]],
    words: EN_WORDS,
  },
  {
    faker: fakerDE,
    phone: (rng) => pick(rng, [`030 ${digits(rng, 7)}`, `0151 ${digits(rng, 8)}`, `+49 30 ${digits(rng, 7)}`]),
    address: (f, rng) => euAddress(f, rng, `${f.person.lastName()}${pick(rng, ["straße", "weg", "gasse", "allee"])}`),
    ids: [["Steuer-ID", () => pick(mulberry32(1), ["65929970489", "86095742719"]), "tax_id"]],
    words: { name: "Name", address: "Anschrift", phone: "Telefon", dob: "Geburtsdatum", passport: "Reisepass-Nr.", hello: "Hallo" },
  },
  {
    faker: fakerFR,
    phone: (rng) => pick(rng, [`06 ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)}`, `+33 1 ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)} ${digits(rng, 2)}`]),
    address: (f, rng) => `${int(rng, 1, 120)} ${pick(rng, ["rue", "avenue", "boulevard", "place"])} ${pick(rng, ["de la Paix", "Victor Hugo", "des Lilas", "du Général Leclerc", "Jean Jaurès"])}, ${pad(int(rng, 10, 95))}${digits(rng, 3)} ${f.location.city()}`,
    ids: [["numéro de sécurité sociale", ID_GENERATORS.nir, "national_id"]],
    words: { name: "Nom", address: "Adresse", phone: "Téléphone", dob: "Date de naissance", passport: "N° de passeport", hello: "Bonjour" },
  },
  {
    faker: fakerES,
    phone: (rng) => `+34 6${digits(rng, 2)} ${digits(rng, 3)} ${digits(rng, 3)}`,
    address: (f, rng) => `Calle ${f.person.lastName()} ${int(rng, 1, 99)}, ${pad(int(rng, 1, 52))}${digits(rng, 3)} ${f.location.city()}`,
    ids: [["DNI", ID_GENERATORS.dni, "national_id"]],
    words: { name: "Nombre", address: "Dirección", phone: "Teléfono", dob: "Fecha de nacimiento", passport: "Pasaporte", hello: "Hola" },
  },
  {
    faker: fakerIT,
    phone: (rng) => `+39 3${digits(rng, 2)} ${digits(rng, 3)} ${digits(rng, 4)}`,
    address: (f, rng) => `Via ${f.person.lastName()} ${int(rng, 1, 99)}, ${digits(rng, 5)} ${f.location.city()}`,
    ids: [["codice fiscale", () => pick(mulberry32(2), ["RSSMRA85T10A562S", "MRTMTT91D08F205J"]), "national_id"]],
    words: { name: "Nome", address: "Indirizzo", phone: "Telefono", dob: "Data di nascita", passport: "Passaporto n.", hello: "Ciao" },
  },
  {
    faker: fakerNL,
    phone: (rng) => `+31 6 ${digits(rng, 8)}`,
    address: (f, rng) => `${f.person.lastName()}straat ${int(rng, 1, 200)}, ${int(rng, 1000, 9999)} ${pick(rng, ["AB", "CD", "KL"])} ${f.location.city()}`,
    ids: [["BSN", ID_GENERATORS.bsn, "national_id"]],
    words: { name: "Naam", address: "Adres", phone: "Telefoon", dob: "Geboortedatum", passport: "Paspoortnummer", hello: "Hoi" },
  },
  {
    faker: fakerPT_BR,
    phone: (rng) => `+55 11 9${digits(rng, 4)}-${digits(rng, 4)}`,
    address: (f, rng) => `Rua ${f.person.lastName()} ${int(rng, 1, 999)}, ${f.location.city()}`,
    ids: [["CPF", ID_GENERATORS.cpf, "national_id"]],
    words: { name: "Nome", address: "Endereço", phone: "Telefone", dob: "Data de nascimento", passport: "Passaporte", hello: "Olá" },
  },
  {
    faker: fakerEN_IN,
    phone: (rng) => pick(rng, [`+91 9${digits(rng, 4)} ${digits(rng, 5)}`, `9${digits(rng, 4)} ${digits(rng, 5)}`]),
    address: (f, rng) => `${int(rng, 1, 300)} ${f.person.lastName()} Road, ${f.location.city()} ${digits(rng, 6)}`,
    ids: [["Aadhaar", ID_GENERATORS.aadhaar, "national_id"]],
    words: EN_WORDS,
  },
  {
    faker: fakerEN_AU,
    phone: (rng) => pick(rng, [`04${digits(rng, 2)} ${digits(rng, 3)} ${digits(rng, 3)}`, `+61 4${digits(rng, 2)} ${digits(rng, 3)} ${digits(rng, 3)}`]),
    address: (f, rng) => `${int(rng, 1, 300)} ${f.person.lastName()} Street, ${f.location.city()} NSW ${int(rng, 2000, 2999)}`,
    ids: [["TFN", ID_GENERATORS.tfn, "tax_id"]],
    words: EN_WORDS,
  },
  {
    faker: fakerEN_CA,
    phone: (rng) => nanp(rng),
    address: usAddress,
    ids: [["SIN", ID_GENERATORS.sin, "national_id"]],
    words: EN_WORDS,
  },
  {
    faker: fakerSV,
    phone: (rng) => `+46 70 ${digits(rng, 3)} ${digits(rng, 2)} ${digits(rng, 2)}`,
    address: (f, rng) => `${f.person.lastName()}vägen ${int(rng, 1, 99)}, ${digits(rng, 3)} ${digits(rng, 2)} ${f.location.city()}`,
    ids: [["personnummer", ID_GENERATORS.personnummer, "national_id"]],
    words: { name: "Namn", address: "Adress", phone: "Telefon", dob: "Födelsedatum", passport: "Passnummer", hello: "Hej" },
  },
  {
    faker: fakerPL,
    phone: (rng) => `+48 ${digits(rng, 3)} ${digits(rng, 3)} ${digits(rng, 3)}`,
    address: (f, rng) => `ul. ${f.person.lastName()} ${int(rng, 1, 99)}, ${digits(rng, 2)}-${digits(rng, 3)} ${f.location.city()}`,
    ids: [["PESEL", ID_GENERATORS.pesel, "national_id"]],
    words: { name: "Imię i nazwisko", address: "Adres", phone: "Telefon", dob: "Data urodzenia", passport: "Paszport nr", hello: "Cześć" },
  },
];

// ---------------------------------------------------------------- entities and templates

interface Person {
  first: string;
  last: string;
  full: string;
  email: string;
  phone: string;
  address: string;
  dob: string;
  card: string;
  iban: string;
  ip: string;
  id: readonly [label: string, value: string, kind: string];
  passport: string;
}

/** A publicly routable IPv4 address (faker's may be private, loopback or multicast, which are not PII). */
function publicIpv4(rng: Rng): string {
  for (;;) {
    const a = int(rng, 1, 223);
    const b = int(rng, 0, 255);
    if (a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) continue;
    return `${a}.${b}.${int(rng, 0, 255)}.${int(rng, 1, 254)}`;
  }
}

function person(loc: Locale, rng: Rng): Person {
  const f = loc.faker;
  const first = f.person.firstName();
  const last = f.person.lastName();
  const birth = f.date.birthdate({ mode: "age", min: 18, max: 85 });
  const [y, m, d] = [birth.getUTCFullYear(), birth.getUTCMonth() + 1, birth.getUTCDate()];
  const dob = pick(rng, [`${pad(d)}/${pad(m)}/${y}`, `${y}-${pad(m)}-${pad(d)}`, `${pad(d)}.${pad(m)}.${y}`, `${pad(m)}/${pad(d)}/${y}`, `${d} ${pick(rng, ["January", "March", "May", "July", "September", "November"])} ${y}`]);
  const [idLabel, idGen, idKind] = pick(rng, loc.ids);
  const card = f.finance.creditCardNumber(pick(rng, ["visa", "mastercard", "amex"]));
  return {
    first,
    last,
    full: `${first} ${last}`,
    email: f.internet.email({ firstName: first, lastName: last }).toLowerCase(),
    phone: loc.phone(rng),
    address: loc.address(f, rng),
    dob,
    card,
    iban: f.finance.iban({ formatted: rng() < 0.5 }),
    ip: publicIpv4(rng),
    id: [idLabel, idGen(rng), idKind],
    passport: `${pick(rng, ["", "X", "C", "P", "AB"])}${digits(rng, 8)}`,
  };
}

type Template = (p: Person, loc: Locale, rng: Rng) => [string, string[]];

const TEMPLATES: readonly Template[] = [
  (p) => [`Hi, my name is ${p.full} and I can't log in. My e-mail is ${p.email}.`, ["person_name", "email"]],
  (p) => [`Please update my address to ${p.address}. Thanks!`, ["street_address"]],
  (p) => [`Can you reformat this for a letter?\n\n${p.full}\n${p.address}`, ["street_address"]],
  (p) => [`call me on ${p.phone} after 5pm`, ["phone"]],
  (p, l) => [`${l.words.name}: ${p.full}\n${l.words.phone}: ${p.phone}\n${l.words.address}: ${p.address}`, ["person_name", "phone", "street_address"]],
  (p, l) => [`${l.words.dob}: ${p.dob}`, ["date_of_birth"]],
  (p) => [`The patient was born on ${p.dob} and reports chest pain.`, ["date_of_birth"]],
  (p) => [`Ticket #${p.card.slice(-4)}: customer ${p.email} says the card ${p.card} was charged twice.`, ["email", "payment_card"]],
  (p) => [`Wire the refund to IBAN ${p.iban}, account holder: ${p.full}.`, ["iban", "person_name"]],
  (p) => [`Why is ${p.ip} hammering our login endpoint?`, ["ip_address"]],
  (p) => [`Dear ${p.last},\n\nyour order has shipped.\n\nBest regards,\n${p.full}`, ["person_name"]],
  (p) => [`Dear Ms. ${p.last}, thank you for your message.`, ["person_name"]],
  (p) => [`{"name": "${p.full}", "email": "${p.email}", "phone": "${p.phone}"}`, ["person_name", "email", "phone"]],
  (p) => [`id,name,email,dob\n1042,${p.full},${p.email},${p.dob}`, ["email"]],
  (p) => [`Translate to English: ${p.email} / ${p.phone}`, ["email", "phone"]],
  (p) => [`My ${p.id[0]} is ${p.id[1]}, is it safe to share it with my bank?`, [p.id[2]]],
  (p) => [`Fill in the form: ${p.id[0]} ${p.id[1]}, born ${p.dob}.`, [p.id[2], "date_of_birth"]],
  (p, l) => [`${l.words.passport}: ${p.passport}`, ["passport_number"]],
  (p) => [`I'm ${p.full}, passport number ${p.passport}, arriving Tuesday.`, ["person_name", "passport_number"]],
  (p) => [`Send the contract to ${p.full} <${p.email}>.`, ["email"]],
  (p) => [`2024-05-02 10:14:03 INFO login ok user=${p.email} ip=${p.ip}`, ["email", "ip_address"]],
  (p) => [`Ship to:\n${p.full}\n${p.address}\nTel. ${p.phone}`, ["street_address", "phone"]],
  (p, l) => [`${l.words.hello}! Ich heiße ${p.full}, meine Nummer ist ${p.phone}.`, ["person_name", "phone"]],
  (p) => [`Customer name: ${p.full}; card ending ${p.card.slice(-4)}; DOB ${p.dob}`, ["person_name", "date_of_birth"]],
];

/**
 * Seeds a faker and pins the date its date generators count from: `birthdate` is relative to "now" by
 * default, which made the generated corpus (and so the trained weights) change from one day to the next.
 */
const REFERENCE_DATE = new Date("2026-06-01T00:00:00.000Z");
function seedFaker(f: Faker, seed: number): void {
  f.seed(seed);
  f.setDefaultRefDate(REFERENCE_DATE);
}

/**
 * `count` texts embedding one or several PII entities, cycling through locales and templates with a fixed
 * seed (reproducible). `kinds` lists the embedded PII kinds.
 */
export function generatePiiExamples(count: number, seed: number): PiiExample[] {
  const rng = mulberry32(seed);
  for (const [i, loc] of LOCALES.entries()) seedFaker(loc.faker, seed * 31 + i);
  const out: PiiExample[] = [];
  for (let i = 0; i < count; i++) {
    const loc = LOCALES[i % LOCALES.length] as Locale;
    const [text, kinds] = pick(rng, TEMPLATES)(person(loc, rng), loc, rng);
    out.push({ text, category: "pii", source: "synthetic-pii", kinds: [...new Set(kinds)] });
  }
  return out;
}

// ---------------------------------------------------------------- negatives

type NegTemplate = (f: Faker, rng: Rng) => string;

const NEGATIVES: readonly NegTemplate[] = [
  (_f, rng) => `Order #${digits(rng, 8)} shipped on 2024-${pad(int(rng, 1, 12))}-${pad(int(rng, 1, 28))}; tracking updates every ${int(rng, 2, 12)} hours.`,
  (_f, rng) => `Version ${int(rng, 1, 9)}.${int(rng, 0, 20)}.${int(rng, 0, 99)} fixes ${int(rng, 2, 60)} bugs and adds a CSV export.`,
  () => `Dear team, the retro is moved to Thursday. Please add your notes to the board.`,
  () => `Dear customer, your subscription renews next month. No action is needed.`,
  (f) => `How do I get from ${f.location.street()} to the central station by bus?`,
  (f) => `What is the history of ${f.location.city()}? Give me three facts.`,
  (_f, rng) => `The invoice total is $${int(rng, 10, 9999)}.${digits(rng, 2)} including ${int(rng, 5, 25)}% VAT, due ${pad(int(rng, 1, 28))}/${pad(int(rng, 1, 12))}/2025.`,
  (f) => `request ${f.string.uuid()} took ${f.number.int({ min: 5, max: 900 })} ms at 2024-03-18T12:30:45Z`,
  (_f, rng) => `for (let i = 0; i < ${int(rng, 2, 100)}; i++) { total += prices[i] * ${int(rng, 2, 9)}; }`,
  (_f, rng) => `Solve ${int(rng, 10, 99)}x + ${int(rng, 100, 999)} = ${int(rng, 1000, 9999)} and explain each step.`,
  () => `My name is not important here; I just want to know how to reset the router.`,
  (f) => `Write a product description for the ${f.commerce.productName()}.`,
  (_f, rng) => `ISBN 978-${int(rng, 0, 1)}-${digits(rng, 3)}-${digits(rng, 5)}-${int(rng, 0, 9)} is out of stock; reorder ${int(rng, 10, 500)} copies.`,
  (f) => `Name: ${f.commerce.department()} report\nStatus: done\nOwner: data team`,
  () => `Phone support is available Monday to Friday; the address of the docs site is in the footer.`,
  (_f, rng) => `The meeting on ${int(rng, 1, 28)} March 2025 starts at ${int(rng, 8, 17)}:00 in room ${int(rng, 100, 499)}.`,
  (_f, rng) => `Build ${digits(rng, 8)} passed ${int(rng, 100, 2000)} tests in ${int(rng, 2, 59)} minutes.`,
  (f) => `Summarise the plot of a novel set in ${f.location.country()} in two sentences.`,
  () => `Use example.com and user@example.com as placeholders in the documentation.`,
  (_f, rng) => `SKU ${digits(rng, 6)}-${digits(rng, 4)} costs €${int(rng, 5, 900)},${digits(rng, 2)} and weighs ${int(rng, 1, 20)}.${int(rng, 0, 9)} kg.`,
  () => `I'm trying to write a regex for dates like 2024-03-18; can you help?`,
  (_f, rng) => `Server 10.0.${int(rng, 0, 255)}.${int(rng, 1, 254)} and 192.168.${int(rng, 0, 255)}.${int(rng, 1, 254)} are on the private VLAN.`,
  (f) => `The ${f.company.name()} quarterly report shows revenue growth of ${f.number.int({ min: 1, max: 40 })}%.`,
  (_f, rng) => `Set the timeout to ${int(rng, 1000, 99999)} ms and the retry count to ${int(rng, 1, 9)}.`,
];

/** `count` texts of the same shapes as the positives with no PII in them. */
export function generatePiiNegatives(count: number, seed: number): PiiNegative[] {
  const rng = mulberry32(seed ^ 0x5bd1e995);
  for (const [i, loc] of LOCALES.entries()) seedFaker(loc.faker, seed * 37 + i);
  const out: PiiNegative[] = [];
  for (let i = 0; i < count; i++) {
    const f = (LOCALES[i % LOCALES.length] as Locale).faker;
    out.push({ text: pick(rng, NEGATIVES)(f, rng), category: "benign", source: "synthetic-pii-negatives" });
  }
  return out;
}
