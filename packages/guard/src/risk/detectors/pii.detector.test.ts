import { describe, expect, it } from "vitest";
import { ipv6FirstGroup, isPublicIpv4, PII_KINDS, PII_LABELS, piiDetector, piiKind, piiPoints } from "./pii.detector.ts";
import { expectLinearGrowth, expectLinearOnAdversarialInputs } from "./test-support.ts";

const detect = (text: string) => piiDetector.detect(text);
const found = (text: string) => detect(text).map((f) => [f.label, text.slice(f.start, f.end)]);

describe("PII detector", () => {
  it.each([
    ["Mail jane.doe+news@mail.example.co.uk today", PII_LABELS.email, "jane.doe+news@mail.example.co.uk"],
    ["Contact: a_b-c%d@sub-domain.example.io.", PII_LABELS.email, "a_b-c%d@sub-domain.example.io"],
    ["Call +44 20 7946 0958 now", PII_LABELS.phone, "+44 20 7946 0958"],
    ["Call +1 (415) 555-2671.", PII_LABELS.phone, "+1 (415) 555-2671"],
    ["Fax +49-30-1234567", PII_LABELS.phone, "+49-30-1234567"],
    ["Tél. +33 1 23 45 67 89", PII_LABELS.phone, "+33 1 23 45 67 89"],
    ["US office (415) 555-2671", PII_LABELS.phone, "(415) 555-2671"],
    ["cell 415-555-2671 or", PII_LABELS.phone, "415-555-2671"],
    ["cell 415.555.2671", PII_LABELS.phone, "415.555.2671"],
    ["toll free is not, a mobile is: 1-800-555-0199 or 1-415-555-0134", PII_LABELS.phone, "1-415-555-0134"],
    ["card 4111 1111 1111 1111 exp", PII_LABELS.card, "4111 1111 1111 1111"],
    ["card 4111-1111-1111-1111", PII_LABELS.card, "4111-1111-1111-1111"],
    ["card 4111111111111111.", PII_LABELS.card, "4111111111111111"],
    ["amex 3782 822463 10005", PII_LABELS.card, "3782 822463 10005"],
    ["mc 5500 0055 5555 5559", PII_LABELS.card, "5500 0055 5555 5559"],
    ["SSN 123-45-6789 on file", PII_LABELS.ssn, "123-45-6789"],
    ["ssn: 123456789", PII_LABELS.ssn, "123456789"],
    ["Social Security Number 123 45 6789", PII_LABELS.ssn, "123 45 6789"],
    ["NI number AB 12 34 56 C", PII_LABELS.nino, "AB 12 34 56 C"],
    ["NINO AB123456C.", PII_LABELS.nino, "AB123456C"],
    ["SIN 130 692 544", PII_LABELS.sin, "130 692 544"],
    ["SIN 130-692-544", PII_LABELS.sin, "130-692-544"],
    ["pay to DE89 3704 0044 0532 0130 00 please", PII_LABELS.iban, "DE89 3704 0044 0532 0130 00"],
    ["iban GB82WEST12345698765432", PII_LABELS.iban, "GB82WEST12345698765432"],
    ["iban gb82 west 1234 5698 7654 32", PII_LABELS.iban, "gb82 west 1234 5698 7654 32"],
    ["konto NO93 8601 1117 947 BIC DNBANOKK", PII_LABELS.iban, "NO93 8601 1117 947"],
    ["from 8.8.8.8", PII_LABELS.ip, "8.8.8.8"],
    ["client=203.0.113.42;", PII_LABELS.ip, "203.0.113.42"],
    ["addr 2001:db8:85a3::8a2e:370:7334", PII_LABELS.ip, "2001:db8:85a3::8a2e:370:7334"],
    ["dns 2606:4700:4700::1111.", PII_LABELS.ip, "2606:4700:4700::1111"],
    ["full 2001:0db8:0000:0000:0000:ff00:0042:8329", PII_LABELS.ip, "2001:0db8:0000:0000:0000:ff00:0042:8329"],
  ])("finds %j", (text, label, value) => {
    expect(found(text)).toEqual([[label, value]]);
  });

  it.each([
    ["plain numbers", "ids 1234567890 and 5551234567 and 4111111111111112"],
    ["a millisecond timestamp", "at 1700000000000 ms"],
    ["dates and times", "2024-03-18, 12/05/2023, 18.03.2024 at 12:30:45"],
    ["an ISBN and a tracking number", "ISBN 978-3-16-148410-0, parcel 1Z999AA10123456784"],
    ["money and coordinates", "$1,234,567.89 at 40.7128, -74.0060"],
    ["arithmetic", "2+2=4 and x+12345678 and +5"],
    ["a seven-digit local number", "call 555-1234"],
    ["toll-free North American numbers", "toll free 1-800-555-0199, +1 888 123 4567, (866) 234-5678, +1 800 555 0142"],
    ["numbers that break NANP rules", "123-456-7890 and (555) 123-4567"],
    ["invalid SSNs", "000-12-3456, 666-12-3456, 912-12-3456, 123-00-4567"],
    ["an unissued NINO prefix", "QQ 12 34 56 C"],
    ["an IBAN with a bad check digit", "DE89 3704 0044 0532 0130 01"],
    ["private and special IPv4", "192.168.1.1 10.0.0.5 127.0.0.1 172.16.0.1 169.254.1.1 100.64.0.1 0.0.0.0 255.255.255.255 224.0.0.1"],
    ["versions and dotted numbers", "v1.2.3.4 and 1.2.3.4.5 and 10.0.19045.2965"],
    ["non-public IPv6, MACs and C++ names", "::1 fe80::1 fd00::1 ff02::1 00:1A:2B:3C:4D:5E std::vector a::b"],
    ["asset names and SSH remotes", "logo@2x.png, git@github.com:org/repo.git, user@localhost"],
    ["spelled-out addresses", "name at example dot com"],
    ["a lone first name under a quoted key", '[{"name": "Alice", "age": 30}, {"name":"Bob","salary":45000}]'],
    ["placeholder names", 'Create a JSON object for a user: {"name": "John Doe", "age": 30}. Name: Max Mustermann. My friend Jane Doe'],
    ["placeholder e-mail domains", "mail user@example.com, a@b.example.org, x@test.example, y@svc.test, z@foo.invalid"],
  ])("ignores %s", (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it("reports every occurrence in text order and keeps the first of overlapping matches", () => {
    const text = "a@acme-mail.com, +1 415 555 2671, b@acme-mail.org";
    expect(found(text)).toEqual([
      [PII_LABELS.email, "a@acme-mail.com"],
      [PII_LABELS.phone, "+1 415 555 2671"],
      [PII_LABELS.email, "b@acme-mail.org"],
    ]);
  });

  it("scores each kind once at its strongest finding and combines kinds (calibration.ts); national IDs are one kind", () => {
    const email = { start: 0, end: 1, label: PII_LABELS.email, kind: "email" };
    const phone = { start: 2, end: 3, label: PII_LABELS.phone, kind: "phone" };
    const titled = { start: 4, end: 5, label: "person name (title)", kind: "person_name" };
    expect(piiPoints([])).toBe(0);
    expect(piiPoints([email, email])).toBe(70);
    expect(piiPoints([email, phone])).toBe(91);
    expect(piiPoints([titled])).toBe(40);
    expect(piiKind(PII_LABELS.ssn)).toBe("national_id");
    expect(piiKind(PII_LABELS.nino)).toBe("national_id");
    const text = "SSN 123-45-6789, NINO AB123456C";
    const factor = piiDetector.toFactor(detect(text).map((f) => ({ ...f, field: "prompt" })));
    expect(factor.points).toBe(80);
  });

  it("describes kinds and counts per field, never the values", () => {
    const prompt = "a@acme-mail.com b@acme-mail.com 4111 1111 1111 1111";
    const response = "call +44 20 7946 0958";
    const factor = piiDetector.toFactor([
      ...detect(prompt).map((f) => ({ ...f, field: "prompt" as const })),
      ...detect(response).map((f) => ({ ...f, field: "response" as const })),
    ]);
    // e-mail, card and phone: 1 − 0.3 × 0.2 × 0.3 → 98, capped at 95
    expect(factor).toMatchObject({ type: "pii", points: 95 });
    expect(factor.detail).toBe("PII: e-mail address in prompt (2); payment card in prompt (1); phone number in response (1)");
    for (const value of ["a@acme-mail.com", "4111", "7946"]) expect(factor.detail).not.toContain(value);
  });

  it("parses IPv6 literals and classifies IPv4 ranges", () => {
    expect(ipv6FirstGroup("2001:db8::1")).toBe(0x2001);
    expect(ipv6FirstGroup("::ffff:192.0.2.1")).toBe(0);
    expect(ipv6FirstGroup("2001:db8::1::2")).toBe(-1);
    expect(ipv6FirstGroup("2001:db8:1:2:3:4:5")).toBe(-1);
    expect(ipv6FirstGroup("12:30:45")).toBe(-1);
    expect(isPublicIpv4(8, 8)).toBe(true);
    expect(isPublicIpv4(172, 32)).toBe(true);
    expect(isPublicIpv4(172, 31)).toBe(false);
  });

  it("sets a kind from PII_KINDS on every finding and never puts the value in the label", () => {
    const text = [
      "Mail jane.roe@acme-mail.com, call +44 20 7946 0958, card 4111 1111 1111 1111, SSN 123-45-6789,",
      "IBAN DE89 3704 0044 0532 0130 00 from 8.8.8.8. My name is John Smith, I live at 221B Baker Street, London NW1 6XE,",
      "DOB: 12/03/1985, passport no. X12345678, driver license number D1234567, Steuer-ID 65929970489.",
    ].join(" ");
    const findings = detect(text);
    expect(new Set(findings.map((f) => f.kind))).toEqual(
      new Set(["email", "phone", "payment_card", "national_id", "iban", "ip_address", "person_name", "street_address", "date_of_birth", "passport_number", "driver_license", "tax_id"]),
    );
    for (const f of findings) {
      expect(PII_KINDS).toContain(f.kind);
      expect(f.kind).toBe(piiKind(f.label));
      expect(f.label).not.toContain(text.slice(f.start, f.end));
    }
  });

  const kinds = (text: string) => detect(text).map((f) => [f.kind, text.slice(f.start, f.end)]);

  it.each([
    // names with context
    ["My name is John Smith.", "person_name", "John Smith"],
    ["hi, my name is Priya Raman and I need help", "person_name", "Priya Raman"],
    ["I'm Maria García, the account owner", "person_name", "Maria García"],
    ["Name: Jean-Luc Picard", "person_name", "Jean-Luc Picard"],
    ["Full name: Anna Kowalska", "person_name", "Anna Kowalska"],
    ["Dear Mr. Thompson,", "person_name", "Thompson"],
    ["Dear Dr. Okafor, thank you", "person_name", "Okafor"],
    ["Best regards,\nJane Doherty", "person_name", "Jane Doherty"],
    ["Patient: Robert Brown", "person_name", "Robert Brown"],
    ["Contact person: Lukas Müller", "person_name", "Lukas Müller"],
    ["Nom : Élodie Dubois", "person_name", "Élodie Dubois"],
    ["Nombre: José Álvarez", "person_name", "José Álvarez"],
    // Labels of two words and a quoted key with spaces: the colon pre-check reads the label's last word.
    ["Nombre completo: Lucía Fernández", "person_name", "Lucía Fernández"],
    ['{"Card Holder" : "Tomasz Nowak"}', "person_name", "Tomasz Nowak"],
    ["Write a birthday card for my friend Anna Schmidt.", "person_name", "Anna Schmidt"],
    ["Write a welcome email to our new hire Jamal Carter.", "person_name", "Jamal Carter"],
    ["Our customer Svetlana Ivanova lost her card.", "person_name", "Svetlana Ivanova"],
    ["My landlord Kevin O'Brien never answers.", "person_name", "Kevin O'Brien"],
    ["Je m'appelle Camille Martin", "person_name", "Camille Martin"],
    ["Mein Name ist Jonas Becker", "person_name", "Jonas Becker"],
    ['{"name": "Ana Souza", "plan": "pro"}', "person_name", "Ana Souza"],
    ["Signed: Ludwig van Beethoven", "person_name", "Ludwig van Beethoven"],
    // street addresses
    ["Ship to 123 Main St, Springfield, IL 62704", "street_address", "123 Main St, Springfield, IL 62704"],
    ["350 Fifth Avenue, Apt 4B, New York, NY 10118", "street_address", "350 Fifth Avenue, Apt 4B, New York, NY 10118"],
    ["221B Baker Street, London NW1 6XE", "street_address", "221B Baker Street, London NW1 6XE"],
    ["Hauptstraße 5, 10115 Berlin", "street_address", "Hauptstraße 5, 10115 Berlin"],
    ["12 rue de la Paix, 75002 Paris", "street_address", "12 rue de la Paix, 75002 Paris"],
    ["Calle Mayor 10, 28013 Madrid", "street_address", "Calle Mayor 10, 28013 Madrid"],
    ["Via Roma 1, 00184 Roma", "street_address", "Via Roma 1, 00184 Roma"],
    ["Address: 42 Elm Road, Leeds LS1 4AP", "street_address", "42 Elm Road, Leeds LS1 4AP"],
    ["please update my address to 8765 Smith Ports Suite 123, Lake Jessica, OH 43210", "street_address", "8765 Smith Ports Suite 123, Lake Jessica, OH 43210"],
    // national phone formats
    ["call me on 020 7946 0958", "phone", "020 7946 0958"],
    ["mobile 07700 900123", "phone", "07700 900123"],
    ["Tél : 06 12 34 56 78", "phone", "06 12 34 56 78"],
    ["Telefon: 030 1234567", "phone", "030 1234567"],
    ["Handy 0151 23456789", "phone", "0151 23456789"],
    ["phone 98765 43210", "phone", "98765 43210"],
    ["mobile 0412 345 678", "phone", "0412 345 678"],
    ["tel 03-1234-5678", "phone", "03-1234-5678"],
    ["WhatsApp 4155552671 anytime", "phone", "4155552671"],
    ["office 415-555-2671 ext. 204", "phone", "415-555-2671 ext. 204"],
    // dates of birth
    ["born on 12 March 1985", "date_of_birth", "12 March 1985"],
    ["DOB: 03/12/1985", "date_of_birth", "03/12/1985"],
    ["date of birth 1985-03-12", "date_of_birth", "1985-03-12"],
    ["D.O.B. 1985-03-12", "date_of_birth", "1985-03-12"],
    ["Birthday: March 12, 1985", "date_of_birth", "March 12, 1985"],
    ["née le 12/03/1985 à Lyon", "date_of_birth", "12/03/1985"],
    ["geboren am 12.03.1985", "date_of_birth", "12.03.1985"],
    ["fecha de nacimiento: 12/03/1985", "date_of_birth", "12/03/1985"],
    // national and tax ids
    ["NIR 1 85 05 78 006 084 91", "national_id", "1 85 05 78 006 084 91"],
    ["DNI 12345678Z", "national_id", "12345678Z"],
    ["NIE X1234567L", "national_id", "X1234567L"],
    ["codice fiscale RSSMRA85T10A562S", "national_id", "RSSMRA85T10A562S"],
    ["mijn BSN is 111222333", "national_id", "111222333"],
    ["CPF 123.456.789-09", "national_id", "123.456.789-09"],
    ["Aadhaar 2341 2341 2346", "national_id", "2341 2341 2346"],
    ["personnummer 811228-9874", "national_id", "811228-9874"],
    ["PESEL 44051401359", "national_id", "44051401359"],
    ["身份证 11010519491231002X", "national_id", "11010519491231002X"],
    ["NRIC S1234567D", "national_id", "S1234567D"],
    ["NINO AB123456C", "national_id", "AB123456C"],
    ["TFN 123 456 782", "tax_id", "123 456 782"],
    ["Steuer-ID 65929970489", "tax_id", "65929970489"],
    ["ITIN 912-78-1234 for my return", "tax_id", "912-78-1234"],
    ["My PAN is ABCPE1234F and my Aadhaar is pending.", "tax_id", "ABCPE1234F"],
    ["PAN: AAACB1234C (company)", "tax_id", "AAACB1234C"],
    // passports and licences
    ["passport no. X12345678", "passport_number", "X12345678"],
    ["n° de passeport : 12AB34567", "passport_number", "12AB34567"],
    ["Reisepass-Nummer 123456789", "passport_number", "123456789"],
    ["driver license number D1234567", "driver_license", "D1234567"],
    ["My driver's license is D123-4567-8901 (Illinois).", "driver_license", "D123-4567-8901"],
    // bank accounts: a context phrase, or a routing number with a valid ABA checksum
    ["Please wire it to account number 12345678901 at Chase.", "bank_account", "12345678901"],
    ["routing 021000021", "bank_account", "021000021"],
    ["Kontonummer 1234567890", "bank_account", "1234567890"],
    ["Sort code 12-34-56", "bank_account", "12-34-56"],
    ["acct 12345678", "bank_account", "12345678"],
    ["my checking account 123456789012", "bank_account", "123456789012"],
  ])("finds %j", (text, kind, value) => {
    expect(kinds(text)).toEqual([[kind, value]]);
  });

  it.each([
    ["common words after name triggers", "My name is important. Dear Sir, Dear Customer, Dear team, I'm Happy to help. Name: required"],
    ["cloud accounts and invalid routing numbers", "My AWS account 123456789012 has a billing alert. Routing 123456789 is wrong. Invoice number 12345678."],
    ["amounts and tickets after 'savings' or 'checking'", "My savings of 25000000 yen are enough. I'm checking ticket 12345678 now."],
    ["relations without a full name", "my friend Anna says hi; my boss said no; my dad Loves it; my son and I went; my favorite Star Wars film; our customer Support team; the customer is always right; the new hire starts Monday"],
    ["a directions question", "How do I get to Main Street from the station? Is Baker Street far?"],
    ["dates that are not birthdays", "Released on 2024-03-18; invoice due 12/03/2025; meeting on 12 March 2024."],
    ["versions, order numbers and ISBNs", "v2.4.1 and 10.0.19045, order #12345678, ISBN 978-0-306-40615-7, build 20240318"],
    ["UUIDs and timestamps", "id 123e4567-e89b-12d3-a456-426614174000 at 2024-03-18T12:30:45Z, epoch 1710765045"],
    ["prices and maths", "It costs $1,299.99 or 1 299,99 €; 3 * 4 = 12 and 2^10 = 1024."],
    ["code", "for (let i = 0; i < 10; i++) { const name = users[i].name; console.log(`Name: ${name}`); }"],
    ["capitalised sentence starts and products", "Microsoft Word crashed. Google Chrome is slow. Amazon Web Services bills monthly."],
    ["numbers without a context word", "Reference 020 1234 and 12345678901 and 111222333 and 1 85 05 78 006 084 36"],
    ["a number of people", "We expect 15 Germans and 20 French at the 3 Day Workshop."],
    ["a phone-shaped number without context", "ticket 98765 43210 closed"],
    ["SSN-shaped numbers outside the ITIN groups, and codes shaped almost like a PAN", "ref 912-45-1234; part ABCDE1234F; SKU ABCPE12345F; abcpe1234f"],
  ])("ignores %s", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("stays linear on adversarial input", () => {
    expectLinearOnAdversarialInputs(detect);
  });

  it.each([
    ["name triggers", "My name is John ".repeat(7000)],
    ["titles", "Dear Mr. ".repeat(12000)],
    ["labels", "Name: ".repeat(17000)],
    ["address labels", "Address: 1 A ".repeat(8000)],
    ["house numbers", "12 Main ".repeat(13000)],
    ["street names", "1 Aa Bb Cc Dd Ee Ff ".repeat(5000)],
    ["postcodes", "Hauptstraße 5, 10115 ".repeat(5000)],
    ["context words", "phone born passport ".repeat(5000)],
    ["dates", "DOB 1985-03-12 ".repeat(7000)],
    ["sign-offs", "regards,\n".repeat(10000)],
    ["capitalised words", "Aa ".repeat(34000)],
    ["codice fiscale middles", "RSSMRA85T10A562".repeat(7000)],
  ])("stays linear on 100k-char %s", (_name, unit) => {
    const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
    expectLinearGrowth(detect, text, _name);
  });
});
