import { describe, expect, it } from "vitest";
import {
  aadhaarValid, bsnValid, cardBrand, chinaIdValid, codiceFiscaleValid, cpfValid, dniValid, ibanValid, luhnValid, ninoPrefixValid, nirValid,
  nricValid, peselValid, personnummerValid, sinValid, ssnValid, steuerIdValid, tfnValid, verhoeffValid,
} from "./checksums.ts";

describe("checksums", () => {
  it("Luhn accepts valid numbers and rejects a single changed digit", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("")).toBe(false);
    expect(luhnValid("41x1")).toBe(false);
  });

  it("card brands follow issuer prefixes and lengths", () => {
    expect(cardBrand("4111111111111111")).toBe("Visa");
    expect(cardBrand("5500005555555559")).toBe("Mastercard");
    expect(cardBrand("2221000000000009")).toBe("Mastercard");
    expect(cardBrand("378282246310005")).toBe("American Express");
    expect(cardBrand("6011111111111117")).toBe("Discover");
    expect(cardBrand("3530111333300000")).toBe("JCB");
    expect(cardBrand("30569309025904")).toBe("Diners Club");
    expect(cardBrand("1700000000000")).toBeNull(); // a millisecond timestamp
    expect(cardBrand("411111111111111")).toBeNull(); // Visa prefix, wrong length
  });

  it("SSN rules reject area 000, 666 and 900+, group 00, serial 0000 and the advertised sample numbers", () => {
    expect(ssnValid("123", "45", "6789")).toBe(true);
    for (const [a, g, s] of [["000", "12", "3456"], ["666", "12", "3456"], ["912", "12", "3456"], ["123", "00", "4567"], ["123", "45", "0000"], ["078", "05", "1120"], ["219", "09", "9999"]]) {
      expect(ssnValid(a ?? "", g ?? "", s ?? "")).toBe(false);
    }
  });

  it("NINO prefixes exclude the letters and pairs HMRC never issues", () => {
    expect(ninoPrefixValid("AB")).toBe(true);
    for (const p of ["DA", "FA", "IA", "QA", "UA", "VA", "AO", "AD", "BG", "GB", "NK", "KN", "TN", "NT", "ZZ", "A"]) expect(ninoPrefixValid(p)).toBe(false);
  });

  it("Canadian SIN needs Luhn and an assigned first digit", () => {
    expect(sinValid("130692544")).toBe(true);
    expect(sinValid("130692545")).toBe(false);
    expect(sinValid("046454286")).toBe(false); // Luhn-valid sample number, but 0 is not an assigned first digit
    expect(sinValid("13069254")).toBe(false);
  });

  it("IBAN needs the country's length and the mod-97 check", () => {
    expect(ibanValid("DE89370400440532013000")).toBe(true);
    expect(ibanValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanValid("FR1420041010050500013M02606")).toBe(true);
    expect(ibanValid("NO9386011117947")).toBe(true);
    expect(ibanValid("DE89370400440532013001")).toBe(false); // check digits
    expect(ibanValid("DE8937040044053201300")).toBe(false); // length
    expect(ibanValid("XX89370400440532013000")).toBe(false); // unknown country
  });

  // Vectors computed by hand from each scheme's definition (and cross-checked against published examples).
  it.each([
    ["France NIR (key = 97 − n mod 97)", nirValid, ["185057800608491", "269054958815780"], ["185057800608490", "385057800608491", "1850578006084"]],
    ["Spain DNI/NIE (letter = table[n mod 23])", dniValid, ["12345678Z", "X1234567L", "Y0000000Z"], ["12345678A", "X1234567A", "1234567Z"]],
    ["Italy codice fiscale", codiceFiscaleValid, ["RSSMRA85T10A562S", "MRTMTT91D08F205J"], ["RSSMRA85T10A562T", "RSSMRA85X10A562S", "RSSMRA85T10A562"]],
    ["Netherlands BSN (11-proef)", bsnValid, ["111222333", "123456782"], ["111222334", "000000000", "12345678"]],
    ["Germany Steuer-ID (ISO 7064 MOD 11,10 and digit rule)", steuerIdValid, ["65929970489", "86095742719"], ["65929970488", "12345678901", "01234567890"]],
    ["Brazil CPF (two mod-11 digits)", cpfValid, ["12345678909", "52998224725"], ["12345678900", "11111111111", "1234567890"]],
    ["Verhoeff", verhoeffValid, ["2363", "236"], ["2364", "12a"]],
    ["India Aadhaar (Verhoeff, first digit 2–9)", aadhaarValid, ["234123412346"], ["234123412347", "134123412346", "23412341234"]],
    ["Australia TFN (weights mod 11)", tfnValid, ["123456782", "876543210"], ["123456789", "12345678a"]],
    ["Sweden personnummer (Luhn, date)", personnummerValid, ["8112289874", "198112289874"], ["8112289875", "8113289874"]],
    ["Poland PESEL (weights, date)", peselValid, ["44051401359", "02070803628"], ["44051401358", "44151401359"]],
    ["China resident ID (ISO 7064 MOD 11-2)", chinaIdValid, ["11010519491231002X", "110105194912310029".slice(0, 17) + "X"], ["110105194912310021", "11010518991231002X"]],
    ["Singapore NRIC/FIN", nricValid, ["S1234567D", "T1234567J", "F1234567N", "G1234567X"], ["S1234567A", "A1234567D", "S123456D"]],
  ] as const)("%s", (_name, valid, good, bad) => {
    for (const id of good) expect(valid(id), id).toBe(true);
    for (const id of bad) expect(valid(id), id).toBe(false);
  });

  // Issue 16: the rules the vectors above do not reach. Expected values worked out independently of
  // checksums.ts (a separate script per scheme, and the schemes' published examples).
  it("card brands: UnionPay on 62 outside Discover's co-branded 622126–622925, Maestro on 50, 56–58, 63 and 67", () => {
    expect(cardBrand("6200000000000005")).toBe("UnionPay");
    expect(cardBrand("6221260000000000")).toBe("Discover");
    expect(cardBrand("5018000000000009")).toBe("Maestro");
    expect(cardBrand("6759649826438453")).toBe("Maestro");
    expect(cardBrand("620000000000")).toBeNull(); // 12 digits: too short for any network
  });

  it("IBAN refuses a character that is neither a digit nor an upper-case letter", () => {
    expect(ibanValid("DE89370400440532013*00")).toBe(false);
  });

  it("France NIR: the month must exist or be one of INSEE's special codes (20–42, 50+); Corsica's 2A/2B count as 19/18", () => {
    expect(nirValid("185157800608457")).toBe(false); // month 15, even with the key of its own digits
    expect(nirValid("185307800608406")).toBe(true); // month 30: a special code
    expect(nirValid("269052A58815717")).toBe(true);
    expect(nirValid("269052B58815717")).toBe(false); // the 2A key: 2B is another number
    expect(nirValid("269052B58815744")).toBe(true);
  });

  it("Germany Steuer-ID: a MOD 11,10 check of 10 is written 0", () => {
    expect(steuerIdValid("70001254960")).toBe(true);
    expect(steuerIdValid("70001254961")).toBe(false);
  });

  it("short and alternative forms: 8-digit BSN and TFN, NIE with Z, 12-digit and coordination personnummer, PESEL born after 2000", () => {
    expect(bsnValid("10000008")).toBe(true); // 010000008 with the leading zero dropped
    expect(bsnValid("10000009")).toBe(false);
    expect(tfnValid("10000001")).toBe(true); // older 8-digit TFN, weights 10,7,8,4,6,3,5,1
    expect(tfnValid("10000002")).toBe(false);
    expect(dniValid("Z1234567R")).toBe(true); // Z counts as 2
    expect(dniValid("Z1234567L")).toBe(false);
    expect(personnummerValid("7010632391")).toBe(true); // samordningsnummer: day 63 is the 3rd
    expect(personnummerValid("197010632391")).toBe(true);
    expect(personnummerValid("701063239")).toBe(false);
    expect(personnummerValid("70106323a1")).toBe(false);
    expect(peselValid("02270803624")).toBe(true); // month 27: July 2002
    expect(peselValid("0227080362")).toBe(false);
  });

  it("China resident ID with a digit as its check character, and malformed ones", () => {
    expect(chinaIdValid("110101199003076632")).toBe(true);
    expect(chinaIdValid("110101199003076633")).toBe(false);
    expect(chinaIdValid("11010119900307663")).toBe(false);
    expect(chinaIdValid("1101011990030766A2")).toBe(false);
  });
});
