import { isWordChar, MAX_FINDINGS_PER_FIELD, type Finding } from "./detector.ts";
import { nativeRegex } from "./native-regex.ts";

/**
 * Phrase and keyword matching for the injection, jailbreak, extraction and keyword detectors, and for
 * per-project blocked keywords and allowlist phrases.
 *
 * A rule names the phrases a match can start with and a regex for what follows. The first words of all
 * start phrases of a lexicon form one trie, walked at each word start of the text, so most words are
 * rejected on their first letter and a field costs one pass however many rules there are; only the rules
 * whose first word is found are tried, each with its own sticky regex. Rules that cannot start with a word
 * (raw rules) share one locator regex. See compileLexicon.
 *
 * ReDoS discipline for rule authors (the adversarial tests check it, not code):
 * - every quantifier is bounded (`\s{1,4}`, `[a-z]{1,20}`, `{0,3}`), never `+` or `*`;
 * - a repeated group is made of literal alternatives followed by a mandatory separator, so iterations
 *   cannot overlap each other or the token that follows;
 * - no capturing groups (use `(?:…)`); compileLexicon rejects them;
 * - a rest's alternatives inside one `(?:…)`: a top-level `|` would let a branch match after the start
 *   phrase's first word alone; compileLexicon rejects it.
 */
export interface LexiconRule {
  /** Shown in factor details; never the matched text. */
  label: string;
  /**
   * Phrases a match starts with, lower case. Each must start with an ASCII word character; spaces match
   * `separator`. The rest of the phrase (after its first word) is matched literally.
   */
  starts: readonly string[];
  /** Regex source matched right after the start phrase. Add a trailing `\b` where a word must end. */
  rest: string;
  /** Regex source between the words of a start phrase; default WS. */
  separator?: string;
  /** Optional case-sensitive check of the matched text (non-global regex), e.g. /DAN/. */
  mustContain?: RegExp;
}

/** For the few rules that cannot start with a word (chat-template tokens, markdown headings). */
export interface RawLexiconRule {
  label: string;
  /** Regex source, matched case-insensitively; may contain top-level alternation, no capturing groups. */
  pattern: string;
  mustContain?: RegExp;
  /**
   * Literal substrings (case-sensitive) of which every match contains at least one. When every raw rule of
   * a lexicon has hints and a text contains none of them, the raw rules are not tried on it: a raw pattern
   * is attempted at every position of the text, which costs more than the whole trie (measured: 20 µs of
   * the shared lexicon's 33 µs per 4 KB).
   */
  hints?: readonly string[];
}

export type AnyLexiconRule = LexiconRule | RawLexiconRule;

/** Whitespace between two words of a phrase. */
export const WS = String.raw`\s{1,4}`;

export interface TaggedRule<T extends string> {
  tag: T;
  rule: AnyLexiconRule;
}

export interface TaggedFinding<T extends string> extends Finding {
  tag: T;
}

export interface Lexicon<T extends string> {
  /** Findings in text order. Different tags may overlap; findings of one tag never overlap each other. */
  scan(text: string): TaggedFinding<T>[];
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

function assertNoCaptures(source: string, label: string): void {
  let groups: RegExpExecArray | null;
  try {
    groups = new RegExp(`(?:${source})|`).exec("");
  } catch (e) {
    throw new Error(`lexicon rule "${label}" is not a valid regex: ${(e as Error).message}`);
  }
  if (!groups || groups.length !== 1) throw new Error(`lexicon rule "${label}" must not contain capturing groups`);
}

/** Whether a regex source has a "|" outside every group and character class. */
export function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let k = 0; k < source.length; k++) {
    const c = source[k];
    if (c === "\\") k++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return true;
  }
  return false;
}

/**
 * Whether a continuation must start with whitespace: it begins with `\s` that is not optional (`\s{1,4}`,
 * `\s+` or a bare `\s`, not `\s{0,3}`, `\s?` or `\s*`) and has no top-level alternative that could start
 * otherwise. Conservative: false whenever in doubt, which only costs a sticky test.
 */
export function needsSpaceFirst(source: string): boolean {
  return /^\\s(?:\{[1-9]|\+|(?![{?*]))/.test(source) && !hasTopLevelAlternation(source);
}

interface Leaf {
  /** Index into the tagged rules. */
  rule: number;
  /** Sticky, case-insensitive regex for this start phrase and its continuation, tried at a candidate position. */
  sticky: RegExp;
  /**
   * The continuation after the first word begins with whitespace (`\s…`), so the rule cannot match where the
   * first word is only the start of a longer one ("create" in "created_at"): the scan skips it there.
   */
  spaceAfter: boolean;
  /**
   * The start phrase after its first word, split at its spaces ("for this" → ["", "this"]), when it is ASCII
   * and its words are separated by WS: checked in JavaScript before the sticky regex, which most candidates
   * fail on exactly these words (a regex call costs more than the check). Null: the regex decides alone.
   */
  phrase: readonly string[] | null;
}

const FIRST_WORD = /^[a-z0-9_]+/;

/** Raw-rule locators up to this size run as native code (see nativeRegex); larger ones would not pay off. */
const NATIVE_LOCATOR_MAX_CHARS = 2_000;

/** Trie symbols: a–z (either case), 0–9 and "_"; -1 for anything else. */
const SYMBOLS = 37;
function symbolOf(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 48 && c <= 57) return c - 22;
  return c === 95 ? 36 : -1;
}

/**
 * Finds rule matches in two steps. One locator regex finds the candidate positions: a word start followed
 * by the first word of some start phrase (all first words form a trie, `\b(?:i(?:gnore|magine)|d(?:an|o))`),
 * or a match of a raw rule. At a candidate, an array trie is walked over the word to find the rules whose
 * first word is there (and the raw rules are tried); each is confirmed with its own sticky regex.
 *
 * The locator holds first words only, not each rule's continuation, so it stays small enough to run as
 * native code (nativeRegex). It once held the continuations too: 5–20 KB regexes that V8 left in its
 * bytecode interpreter, more than half of the scorer's time, and slower still when forced to native code,
 * too large to stay in cache between detectors (docs/risk.md, "Speed").
 */
export function compileLexicon<T extends string>(rules: readonly TaggedRule<T>[]): Lexicon<T> {
  // Node 0 is the root; a transition to 0 means "none" (no edge leads back to the root).
  const edges: number[] = [];
  const leavesOf: Leaf[][] = [];
  const addNode = () => {
    for (let k = 0; k < SYMBOLS; k++) edges.push(0);
    leavesOf.push([]);
    return leavesOf.length - 1;
  };
  addNode();
  /** First word → the regex sources of the rest of its start phrases ("" when a phrase is one word). */
  const firstWords = new Map<string, Set<string>>();
  const rawLeaves: Leaf[] = [];
  const rawSources: string[] = [];

  rules.forEach(({ rule }, index) => {
    if ("pattern" in rule) {
      assertNoCaptures(rule.pattern, rule.label);
      rawLeaves.push({ rule: index, sticky: new RegExp(`(?:${rule.pattern})`, "iy"), spaceAfter: false, phrase: null });
      rawSources.push(`(?:${rule.pattern})`);
      return;
    }
    assertNoCaptures(rule.rest, rule.label);
    // The rest is appended to the start phrase inside one group: a top-level "|" would let its second branch
    // match right after the start's first word, without the rest of the phrase.
    if (hasTopLevelAlternation(rule.rest)) throw new Error(`lexicon rule "${rule.label}": wrap the alternatives of its rest in (?:…)`);
    const sep = rule.separator ?? WS;
    for (const start of rule.starts) {
      const first = FIRST_WORD.exec(start)?.[0];
      if (!first) throw new Error(`lexicon rule "${rule.label}": start "${start}" must begin with [a-z0-9_]`);
      const phraseRest = start.slice(first.length).split(" ").map(escapeRegex).join(sep);
      const source = `${phraseRest}${rule.rest}`;
      const rests = firstWords.get(first) ?? new Set<string>();
      rests.add(phraseRest);
      firstWords.set(first, rests);
      let node = 0;
      for (let k = 0; k < first.length; k++) {
        const slot = node * SYMBOLS + symbolOf(first.charCodeAt(k));
        node = edges[slot] || (edges[slot] = addNode());
      }
      leavesOf[node]?.push({ rule: index, sticky: new RegExp(`${first}(?:${source})`, "iy"), spaceAfter: needsSpaceFirst(source), phrase: phrasePieces(start.slice(first.length), sep) });
    }
  });
  const trie = Int32Array.from(edges);

  const parts: string[] = [];
  if (firstWords.size > 0) parts.push(String.raw`\b${locatorSource(firstWords)}`);
  const wordLocator = parts.length > 0 ? locatorRegex(parts.join("|")) : null;
  parts.push(...rawSources);
  const fullLocator = parts.length > 0 ? locatorRegex(parts.join("|")) : null;
  // Raw rules are skipped on a text that holds none of their hints (only when every raw rule has hints).
  const rawRules = rules.filter(({ rule }) => "pattern" in rule).map(({ rule }) => rule as RawLexiconRule);
  const hints = rawRules.every((r) => r.hints && r.hints.length > 0) ? minimalHints(rawRules.flatMap((r) => r.hints ?? [])) : null;
  const needsRaw = (text: string) => rawRules.length > 0 && (hints === null || hints.some((h) => text.includes(h)));

  // Tags as small integers, so the per-match bookkeeping below is array access rather than Map lookups.
  const tagIds = new Map<T, number>();
  for (const { tag } of rules) if (!tagIds.has(tag)) tagIds.set(tag, tagIds.size);
  const tagOf = rules.map(({ tag }) => tagIds.get(tag) ?? 0);
  const tagCount = tagIds.size;

  const ruleOf = rules.map(({ rule }) => rule);
  /** Per-scan bookkeeping, allocated once: scan is synchronous and never re-entered. */
  const state: ScanState = {
    text: "",
    lastEnd: new Int32Array(tagCount),
    counts: new Int32Array(tagCount),
    bestRule: new Int32Array(tagCount),
    bestLength: new Int32Array(tagCount),
    touched: new Int32Array(tagCount),
    touchedCount: 0,
    tagOf,
    ruleOf,
  };

  return {
    scan(text: string): TaggedFinding<T>[] {
      const out: TaggedFinding<T>[] = [];
      const useRaw = needsRaw(text);
      const locator = useRaw ? fullLocator : wordLocator;
      if (!locator || text.length === 0) return out;
      state.text = text;
      state.lastEnd.fill(0);
      state.counts.fill(0);
      const { touched, bestRule, bestLength, lastEnd, counts } = state;

      locator.lastIndex = 0;
      let m: RegExpExecArray | null;
      // Linear: match starts strictly increase and every rule is bounded in length, so the scan costs at
      // most O(n × longest rule). There is deliberately no global cap on matches: padding a prompt with
      // hundreds of harmless keyword hits must not hide an injection placed after them.
      while ((m = locator.exec(text)) !== null) {
        const at = m.index;
        // Restart just after the match start, so a rule that starts inside this match is still found.
        locator.lastIndex = at + 1;
        // Every rule whose first word starts here, of any tag: a blocked keyword and a built-in phrase, or
        // an allowlist phrase and a keyword, may start at the same position and must all be seen.
        // (The locator's \b applies to first words; a raw-rule hit may sit inside a word.)
        if (at === 0 || !isWordChar(text.charCodeAt(at - 1))) {
          let node = 0;
          for (let k = at; k < text.length; k++) {
            const symbol = symbolOf(text.charCodeAt(k));
            if (symbol < 0) break;
            node = trie[node * SYMBOLS + symbol]!;
            if (node === 0) break;
            const leaves = leavesOf[node]!;
            if (leaves.length === 0) continue;
            // Inside a longer word, only leaves whose continuation may start with a word character apply.
            const inWord = symbolOf(text.charCodeAt(k + 1)) >= 0;
            for (let l = 0; l < leaves.length; l++) {
              const leaf = leaves[l]!;
              if (inWord && leaf.spaceAfter) continue;
              if (leaf.phrase && !phraseMayMatch(text, k + 1, leaf.phrase)) continue;
              tryLeaf(state, leaf, at);
            }
          }
        }
        if (useRaw) for (let l = 0; l < rawLeaves.length; l++) tryLeaf(state, rawLeaves[l]!, at);
        for (let i = 0; i < state.touchedCount; i++) {
          const tag = touched[i]!;
          const rule = rules[bestRule[tag]!];
          const length = bestLength[tag]!;
          bestLength[tag] = 0;
          if (!rule) continue;
          counts[tag]!++;
          lastEnd[tag] = at + length;
          out.push({ start: at, end: at + length, label: rule.rule.label, tag: rule.tag });
        }
        state.touchedCount = 0;
      }
      state.text = "";
      return out;
    },
  };
}

interface ScanState {
  text: string;
  /** Per tag: where its last finding ended (findings of one tag never overlap) and how many it has. */
  lastEnd: Int32Array;
  counts: Int32Array;
  /** Longest candidate per tag at the current position: its rule index and length (0 = none). */
  bestRule: Int32Array;
  bestLength: Int32Array;
  /** Tags with a candidate at the current position: the first touchedCount entries. */
  touched: Int32Array;
  touchedCount: number;
  tagOf: readonly number[];
  ruleOf: readonly AnyLexiconRule[];
}

/**
 * The hints worth searching for: a text that contains a hint contains every hint inside it ("<|" holds "<"),
 * so only the hints that contain no other are kept. Each kept hint is one `includes` pass over the text.
 */
function minimalHints(hints: readonly string[]): string[] {
  const distinct = [...new Set(hints)];
  return distinct.filter((h) => !distinct.some((other) => other !== h && h.includes(other)));
}

/** phrase for a Leaf: the pieces of a start phrase's remainder, or null when the JavaScript check cannot stand in for the regex. */
function phrasePieces(remainder: string, separator: string): string[] | null {
  if (remainder === "" || separator !== WS || !/^[\x21-\x7e ]+$/.test(remainder)) return null;
  const pieces = remainder.split(" ");
  return pieces.slice(1).some((p) => p === "") ? null : pieces;
}

/** JavaScript's `\s`: the separator WS is `\s{1,4}`. */
function isRegexSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * False only where the sticky regex must fail: the text at `from` does not continue with the phrase's pieces,
 * each after 1–4 whitespace characters. ASCII letters compare without case, as the regex's "i" flag does
 * (it never folds a non-ASCII character to an ASCII one).
 */
function phraseMayMatch(text: string, from: number, pieces: readonly string[]): boolean {
  let p = from;
  for (let w = 0; w < pieces.length; w++) {
    if (w > 0) {
      const wordStart = p;
      while (p - wordStart < 5 && isRegexSpace(text.charCodeAt(p))) p++;
      if (p === wordStart || p - wordStart > 4) return false;
    }
    const piece = pieces[w]!;
    for (let k = 0; k < piece.length; k++) {
      let c = text.charCodeAt(p + k);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== piece.charCodeAt(k)) return false;
    }
    p += piece.length;
  }
  return true;
}

/** Tries one rule at `at`; keeps it as its tag's candidate when it matches longer than the current one. */
function tryLeaf(state: ScanState, leaf: Leaf, at: number): void {
  const tag = state.tagOf[leaf.rule] ?? 0;
  if (state.counts[tag]! >= MAX_FINDINGS_PER_FIELD || at < state.lastEnd[tag]!) return;
  const sticky = leaf.sticky;
  sticky.lastIndex = at;
  // test() rather than exec(): no match array; a sticky regex leaves lastIndex at the match's end.
  if (!sticky.test(state.text)) return;
  const length = sticky.lastIndex - at;
  if (length <= state.bestLength[tag]!) return;
  const mustContain = state.ruleOf[leaf.rule]?.mustContain;
  if (mustContain && !mustContain.test(state.text.slice(at, at + length))) return;
  if (state.bestLength[tag] === 0) state.touched[state.touchedCount++] = tag;
  state.bestRule[tag] = leaf.rule;
  state.bestLength[tag] = length;
}

/**
 * The locator's alternation: each first word (as a trie, `(?:i(?:gnore|magine)|dan)`) followed by the rest
 * of its multi-word start phrases, or by nothing when one of its phrases is that word alone. The rules'
 * continuations are left out: they are what made the old locators large.
 */
function locatorSource(firstWords: ReadonlyMap<string, Set<string>>): string {
  interface Node {
    children: Map<string, Node>;
    /** The phrase remainders of the first word ending here ("" for a single-word phrase); null if none ends here. */
    rests: Set<string> | null;
  }
  const root: Node = { children: new Map(), rests: null };
  for (const [word, rests] of firstWords) {
    let node = root;
    for (const ch of word) {
      let next = node.children.get(ch);
      if (!next) node.children.set(ch, (next = { children: new Map(), rests: null }));
      node = next;
    }
    node.rests = rests;
  }
  const emit = (node: Node): string => {
    // A word that ends here with a single-word phrase matches whatever follows: longer words are redundant.
    if (node.rests?.has("")) return "";
    const alts = [...node.children].map(([ch, child]) => `${escapeRegex(ch)}${emit(child)}`);
    if (node.rests) alts.push(`(?:${[...node.rests].join("|")})`);
    return alts.length === 1 ? alts[0]! : `(?:${alts.join("|")})`;
  };
  return emit(root);
}

function locatorRegex(source: string): RegExp {
  const re = new RegExp(source, "gi");
  return source.length <= NATIVE_LOCATOR_MAX_CHARS ? nativeRegex(re) : re;
}

/** Trims, collapses inner whitespace, drops empties and case-insensitive duplicates (first spelling wins). */
export function normalizeKeywords(keywords: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of keywords) {
    if (typeof raw !== "string") continue;
    const k = raw.trim().replace(/\s+/g, " ");
    const key = k.toLowerCase();
    if (k.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(k);
  }
  return out;
}

export interface KeywordOptions {
  /**
   * How the words of a multi-word keyword may be separated in the text:
   * "whitespace": 1–8 whitespace characters ("project  falcon", "project\nfalcon");
   * "flexible": up to two of whitespace, "_" or "-", or nothing ("api key", "api_key", "api-key", "apikey").
   */
  separators: "whitespace" | "flexible";
  /** Also match a trailing "s"/"es" ("passwords"). */
  plurals?: boolean;
}

const KEYWORD_SEPARATOR = { whitespace: String.raw`\s{1,8}`, flexible: String.raw`[\s_-]{0,2}` } as const;

/**
 * Lexicon rules for a keyword list: case-insensitive and whole-word, meaning an ASCII word character
 * ([A-Za-z0-9_]) may not touch a keyword end that is itself a word character ("c++" and "@corp" still
 * match next to letters on their non-word side). User input is escaped, never interpreted as regex.
 */
export function keywordRules(keywords: readonly string[], options: KeywordOptions): AnyLexiconRule[] {
  const sep = KEYWORD_SEPARATOR[options.separators];
  return normalizeKeywords(keywords).map((keyword): AnyLexiconRule => {
    const lower = keyword.toLowerCase();
    const tail = isWordChar(lower.charCodeAt(lower.length - 1)) ? `${options.plurals ? "(?:e?s)?" : ""}${String.raw`\b`}` : "";
    if (FIRST_WORD.test(lower)) return { label: keyword, starts: [lower], rest: tail, separator: sep };
    return { label: keyword, pattern: `${lower.split(" ").map(escapeRegex).join(sep)}${tail}` };
  });
}
