import { describe, expect, it } from "vitest";
import { cardBrand, ibanValid, luhnValid, ninoPrefixValid, sinValid, ssnValid } from "./checksums.ts";

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
});
