import { describe, expect, it } from "vitest";
import { parseTemplate, resolveConfigValues, secretReferences, type SecretLookup } from "./template-resolution";

const secrets: Record<string, string> = { OPENAI_API_KEY: "sk-live-123", DB_PASSWORD: "hunter2" };
const reveal: SecretLookup = (n) => (n in secrets ? { kind: "value", value: secrets[n]! } : { kind: "missing" });
const hide: SecretLookup = (n) => (n in secrets ? { kind: "hidden" } : { kind: "missing" });

function resolved(values: Record<string, unknown>, lookup = reveal) {
  const r = resolveConfigValues(values, lookup);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.values;
}
function issues(values: Record<string, unknown>, lookup = reveal) {
  const r = resolveConfigValues(values, lookup);
  if (r.ok) throw new Error("expected issues");
  return r.issues;
}

describe("template resolution", () => {
  it("leaves plain values alone", () => {
    const values = { a: 1, b: "text", c: { d: [true, null] }, e: "braces } and { alone" };
    expect(resolved(values)).toEqual(values);
  });

  it("a whole-string reference keeps the referenced type; embedded references become text", () => {
    expect(resolved({ n: 42, copy: "{{ n }}", text: "n is {{n}}!", obj: { x: 1 }, objText: "o={{ obj }}" })).toEqual({
      n: 42,
      copy: 42,
      text: "n is 42!",
      obj: { x: 1 },
      objText: 'o={"x":1}',
    });
  });

  it("resolves chains and references inside objects and arrays", () => {
    expect(resolved({ host: "db.internal", port: 5432, url: "postgres://{{ host }}:{{ port }}/app", cfg: { urls: ["{{ url }}"] } })).toEqual({
      host: "db.internal",
      port: 5432,
      url: "postgres://db.internal:5432/app",
      cfg: { urls: ["postgres://db.internal:5432/app"] },
    });
  });

  it("uses the default only when the key is missing, typed when the whole string is the reference", () => {
    expect(resolved({ t: "{{ temperature | 0.2 }}", flag: "{{ beta | false }}", s: "model={{ model | 'gpt-4o-mini' }}", set: 1, u: "{{ set | 9 }}" })).toEqual({
      t: 0.2,
      flag: false,
      s: "model=gpt-4o-mini",
      set: 1,
      u: 1,
    });
  });

  it("resolves secrets for allowed callers and leaves the reference for others", () => {
    const values = { key: "{{ secret:OPENAI_API_KEY }}", dsn: "postgres://app:{{secret:DB_PASSWORD}}@db/app" };
    expect(resolved(values, reveal)).toEqual({ key: "sk-live-123", dsn: "postgres://app:hunter2@db/app" });
    expect(resolved(values, hide)).toEqual({ key: "{{ secret:OPENAI_API_KEY }}", dsn: "postgres://app:{{ secret:DB_PASSWORD }}@db/app" });
    const r = resolveConfigValues(values, hide);
    expect([...r.secretNames].sort()).toEqual(["DB_PASSWORD", "OPENAI_API_KEY"]);
    expect([...r.secretRefs.get("dsn")!]).toEqual(["DB_PASSWORD"]);
  });

  it("an escaped \\{{ is a literal, so prompts can keep their own placeholders", () => {
    expect(resolved({ prompt: "Answer about \\{{ topic }} as {{ persona | a helpful bot }}." })).toEqual({ prompt: "Answer about {{ topic }} as a helpful bot." });
  });

  it("reports a missing reference and resolves nothing", () => {
    const r = resolveConfigValues({ a: "{{ nope }}", b: "fine" }, reveal);
    expect(r.ok).toBe(false);
    expect(issues({ a: "{{ nope }}", b: "fine" })).toEqual([expect.objectContaining({ key: "a", code: "MISSING_REFERENCE" })]);
  });

  it("reports a missing secret", () => {
    expect(issues({ a: "{{ secret:NOPE }}" }, hide)).toEqual([expect.objectContaining({ key: "a", code: "MISSING_SECRET" })]);
  });

  it("reports cycles with their path, including a key that references itself", () => {
    expect(issues({ a: "{{ b }}", b: "x{{ c }}", c: "{{ a }}" })).toEqual([expect.objectContaining({ code: "CYCLE", message: "Reference cycle: a → b → c → a" })]);
    expect(issues({ self: "{{ self }}" })).toEqual([expect.objectContaining({ key: "self", code: "CYCLE", message: "Reference cycle: self → self" })]);
  });

  it("reports a key that depends on a broken one once, at the root cause", () => {
    expect(issues({ a: "{{ b }}", b: "{{ missing }}" })).toEqual([expect.objectContaining({ key: "b", code: "MISSING_REFERENCE" })]);
  });

  it("reports malformed templates", () => {
    expect(issues({ a: "{{ unclosed" })[0]).toMatchObject({ code: "INVALID_TEMPLATE" });
    expect(issues({ a: "{{ not a ref }}" })[0]).toMatchObject({ code: "INVALID_TEMPLATE" });
    expect(issues({ a: "{{ secret:X | fallback }}" })[0]).toMatchObject({ code: "INVALID_TEMPLATE" });
  });

  it("collects every problem at once", () => {
    expect(issues({ a: "{{ x }}", b: "{{ secret:Y }}", c: "{{ c }}" }).map((i) => i.code).sort()).toEqual(["CYCLE", "MISSING_REFERENCE", "MISSING_SECRET"]);
  });

  it("handles a long chain without recursion trouble and a 1 MB prompt quickly", () => {
    const chain: Record<string, unknown> = { k0: "end" };
    for (let i = 1; i < 500; i++) chain[`k${i}`] = `{{ k${i - 1} }}`;
    expect(resolved(chain).k499).toBe("end");
    const big = "x".repeat(1024 * 1024);
    expect(resolved({ p: big }).p).toBe(big);
  });

  it("parses and lists secret references", () => {
    expect(parseTemplate("no template")).toBeNull();
    expect(secretReferences({ a: ["{{ secret:A }}", "{{ b }}"], c: "{{secret:C}}" })).toEqual(new Set(["A", "C"]));
  });
});
