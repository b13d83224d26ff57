// Shared by the risk tests only (not exported from the package).
import { expect } from "vitest";
import { compileLexicon, type AnyLexiconRule, type Lexicon } from "./lexicon.ts";

/**
 * One rule file's rules compiled alone, so a test of them cannot pass through the classifier or another
 * rule set. Findings carry their rule's label; the text is read as the scorer reads it (the lexicon ignores
 * case).
 */
export function rulesAlone(rules: readonly AnyLexiconRule[]): {
  lexicon: Lexicon<string>;
  findings: (text: string) => Array<{ start: number; end: number; label: string }>;
  labelsOf: (text: string) => string[];
} {
  const lexicon = compileLexicon(rules.map((rule, i) => ({ tag: `${i}`, rule })));
  const findings = (text: string) => lexicon.scan(text).map((f) => ({ start: f.start, end: f.end, label: rules[Number(f.tag)]!.label }));
  return { lexicon, findings, labelsOf: (text) => findings(text).map((f) => f.label) };
}

/**
 * Generous bound for one detector call on 100k adversarial characters. Real figures are in the benchmark;
 * this only has to catch super-linear behaviour (a quadratic scan of 100k chars takes seconds).
 */
export const ADVERSARIAL_LIMIT_MS = 200;

const N = 100_000;
const fill = (unit: string) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);

/** Inputs aimed at every scanner: long runs, dense anchors, and near-misses that make a regex work hard. */
export const ADVERSARIAL_INPUTS: ReadonlyArray<readonly [string, string]> = [
  ["100k 'a'", fill("a")],
  ["100k 'A'", fill("A")],
  ["100k digits", fill("1")],
  ["100k spaces", fill(" ")],
  ["100k newlines", fill("\n")],
  ["'@' only", fill("@")],
  ["'a@' pairs", fill("a@")],
  ["'a.a@a.a' chains", fill("a.a@a.a")],
  ["repeated 'ignore '", fill("ignore ")],
  ["repeated 'ignore all previous '", fill("ignore all previous ")],
  ["repeated 'you are now a '", fill("you are now a ")],
  ["repeated 'pretend you have no '", fill("pretend you have no ")],
  ["repeated 'repeat the '", fill("repeat the ")],
  ["repeated 'what were you '", fill("what were you ")],
  ["repeated 'DAN '", fill("DAN ")],
  ["repeated '### '", fill("### ")],
  ["repeated '<|im_start|>'", fill("<|im_start|>")],
  ["digits and dashes", fill("1-")],
  ["digits and spaces", fill("1 ")],
  ["'+1 ' runs", fill("+1 ")],
  ["'4111 ' runs", fill("4111 ")],
  ["'123-45-' runs", fill("123-45-")],
  ["'DE89 ' runs", fill("DE89 ")],
  ["'AB 12 ' runs", fill("AB 12 ")],
  ["dotted digits", fill("1.")],
  ["colons", fill(":")],
  ["hex and colons", fill("a:")],
  ["'2001:' runs", fill("2001:")],
  ["base64 alphabet run", fill("aB3+")],
  ["hex run", fill("4a")],
  ["'%41' run", fill("%41")],
  ["'%' only", fill("%")],
  ["'\\x41' run", fill("\\x41")],
  ["'\\u0041' run", fill("\\u0041")],
  ["'rot13 ' repeated", fill("rot13 ")],
  ["'13' repeated", fill("13")],
  ["'sk-' repeated", fill("sk-")],
  ["'sk-ant-' then letters", `sk-ant-${fill("a")}`.slice(0, N)],
  ["'ghp_' repeated", fill("ghp_")],
  ["'AKIA' repeated", fill("AKIA")],
  ["'eyJ' repeated", fill("eyJ")],
  ["'eyJ' long parts", fill(`eyJ${"a".repeat(3000)}.`)],
  ["'-----BEGIN ' repeated", fill("-----BEGIN ")],
  ["'://' repeated", fill("://")],
  ["'a://b:c' repeated", fill("a://b:c")],
  ["'secret_access_key=' repeated", fill("secret_access_key=")],
  ["'password ' repeated", fill("password ")],
  ["mixed punctuation", fill("a-_ .:@+/%=\\")],
];

/** Runs `fn` once and asserts it finished within `limitMs`; returns the elapsed milliseconds. */
export function expectFast(fn: () => unknown, limitMs = ADVERSARIAL_LIMIT_MS): number {
  const t0 = performance.now();
  fn();
  const elapsed = performance.now() - t0;
  expect(elapsed).toBeLessThan(limitMs);
  return elapsed;
}

/** The fastest of `reps` runs, in milliseconds (the minimum is the figure least disturbed by other work). */
function fastestMs(fn: () => unknown, reps = 3): number {
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * Checks that the time `detect` takes grows linearly with its input: the whole text may take at most 8×
 * its first quarter (linear ≈ 4×, quadratic backtracking ≈ 16×), plus 15 ms for timer and collector noise.
 * A ratio over a 4× size step rather than a fixed limit, so a busy machine (CI runs the suites while the
 * build's other work runs) does not fail the test; an absolute ceiling still catches exponential blow-ups.
 */
export function expectLinearGrowth(detect: (text: string) => unknown, text: string, name = text.slice(0, 20)): void {
  const head = text.slice(0, text.length >> 2);
  let quarter = fastestMs(() => detect(head));
  let full = fastestMs(() => detect(text));
  // A measurement a busy machine spoiled (every timed run of one size paused by other processes or a
  // collection) is taken again, up to twice; real super-linear growth fails all three.
  for (let retry = 0; retry < 2 && full >= 8 * quarter + 15; retry++) {
    quarter = fastestMs(() => detect(head));
    full = fastestMs(() => detect(text));
  }
  expect(full, `${name}: ${full.toFixed(1)} ms for the whole input, ${quarter.toFixed(1)} ms for its first quarter`).toBeLessThan(8 * quarter + 15);
  expect(full, `${name} took ${full.toFixed(1)} ms`).toBeLessThan(10 * ADVERSARIAL_LIMIT_MS);
}

/** expectLinearGrowth over every adversarial input. */
export function expectLinearOnAdversarialInputs(detect: (text: string) => unknown): void {
  detect("warm up the regex compiler");
  for (const [name, text] of ADVERSARIAL_INPUTS) expectLinearGrowth(detect, text, name);
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A deterministic fake credential: `prefix` plus `length` characters from `alphabet`. Tests build tokens at
 * run time so no credential-shaped literal sits in the source for secret scanners to flag.
 */
export function fakeToken(prefix: string, length: number, seed = 1, alphabet = ALNUM): string {
  let x = seed * 2654435761;
  let out = prefix;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x ^ (x >>> 15), 2246822519) + 0x9e3779b9) | 0;
    out += alphabet[Math.abs(x) % alphabet.length];
  }
  return out;
}

/** All substrings of `secret` of length `n`, for "the detail never leaks the value" assertions. */
export function substrings(secret: string, n = 8): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= secret.length; i++) out.push(secret.slice(i, i + n));
  return out;
}
