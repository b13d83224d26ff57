import { isWordChar, MAX_FINDINGS_PER_FIELD, type Finding } from "./detector.ts";

/**
 * Phrase and keyword matching for the injection, jailbreak, extraction and keyword detectors, and for
 * per-project blocked keywords and allowlist phrases.
 *
 * A rule names the phrases a match can start with and a regex for what follows. All rules of a lexicon
 * compile into ONE case-insensitive locator regex: the first words of all start phrases form a trie
 * (`\b(?:i(?:gnore(?:…)|magine(?:…))|d(?:…))`) with each rule's continuation at its leaf. V8 tries the trie
 * only at word boundaries and rejects most words on their first letter, so a field is scanned once,
 * natively, however many rules there are (a flat alternation costs time per rule). See compileLexicon for
 * how the rules behind a located match are identified.
 *
 * ReDoS discipline for rule authors (the adversarial tests check it, not code):
 * - every quantifier is bounded (`\s{1,4}`, `[a-z]{1,20}`, `{0,3}`), never `+` or `*`;
 * - a repeated group is made of literal alternatives followed by a mandatory separator, so iterations
 *   cannot overlap each other or the token that follows;
 * - no capturing groups (use `(?:…)`); compileLexicon rejects them.
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

interface Leaf {
  /** Index into the tagged rules. */
  rule: number;
  /** Sticky, case-insensitive regex for this start phrase and its continuation, tried at a located position. */
  sticky: RegExp;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** Leaves of the rules whose start phrase's first word ends here, with their continuation source. */
  leaves: Array<[Leaf, string]>;
}

const FIRST_WORD = /^[a-z0-9_]+/;

/**
 * Two steps per field. A capture-free locator regex (the trie, plus the raw rules) finds each position
 * where some rule matches; at that position only the candidate rules are tried with their own sticky
 * regexes: those whose first word the trie walk passes through, and the raw rules. The locator stays
 * capture-free on purpose: with a group per rule, every match would allocate an array of hundreds of
 * slots, which dominates on text dense with matches.
 */
export function compileLexicon<T extends string>(rules: readonly TaggedRule<T>[]): Lexicon<T> {
  const root: TrieNode = { children: new Map(), leaves: [] };
  const rawLeaves: Leaf[] = [];
  const rawSources: string[] = [];

  rules.forEach(({ rule }, index) => {
    if ("pattern" in rule) {
      assertNoCaptures(rule.pattern, rule.label);
      rawLeaves.push({ rule: index, sticky: new RegExp(`(?:${rule.pattern})`, "iy") });
      rawSources.push(`(?:${rule.pattern})`);
      return;
    }
    assertNoCaptures(rule.rest, rule.label);
    const sep = rule.separator ?? WS;
    for (const start of rule.starts) {
      const first = FIRST_WORD.exec(start)?.[0];
      if (!first) throw new Error(`lexicon rule "${rule.label}": start "${start}" must begin with [a-z0-9_]`);
      const source = `${start.slice(first.length).split(" ").map(escapeRegex).join(sep)}${rule.rest}`;
      let node = root;
      for (const ch of first) {
        let next = node.children.get(ch);
        if (!next) {
          next = { children: new Map(), leaves: [] };
          node.children.set(ch, next);
        }
        node = next;
      }
      node.leaves.push([{ rule: index, sticky: new RegExp(`${first}(?:${source})`, "iy") }, source]);
    }
  });

  const emit = (node: TrieNode): string => {
    const alts: string[] = [];
    for (const [ch, child] of node.children) alts.push(`${ch}${emit(child)}`); // longer words first
    for (const [, source] of node.leaves) alts.push(`(?:${source})`);
    return alts.length === 1 ? (alts[0] ?? "") : `(?:${alts.join("|")})`;
  };
  const parts: string[] = [];
  if (root.children.size > 0) parts.push(String.raw`\b${emit(root)}`);
  const wordLocator = parts.length > 0 ? new RegExp(parts.join("|"), "gi") : null;
  parts.push(...rawSources);
  const fullLocator = parts.length > 0 ? new RegExp(parts.join("|"), "gi") : null;
  // Raw rules are skipped on a text that holds none of their hints (only when every raw rule has hints).
  const rawRules = rules.filter(({ rule }) => "pattern" in rule).map(({ rule }) => rule as RawLexiconRule);
  const hints = rawRules.every((r) => r.hints && r.hints.length > 0) ? [...new Set(rawRules.flatMap((r) => r.hints ?? []))] : null;
  const needsRaw = (text: string) => rawRules.length > 0 && (hints === null || hints.some((h) => text.includes(h)));

  // Tags as small integers, so the per-match bookkeeping below is array access rather than Map lookups.
  const tagIds = new Map<T, number>();
  for (const { tag } of rules) if (!tagIds.has(tag)) tagIds.set(tag, tagIds.size);
  const tagOf = rules.map(({ tag }) => tagIds.get(tag) ?? 0);
  const tagCount = tagIds.size;

  return {
    scan(text: string): TaggedFinding<T>[] {
      const out: TaggedFinding<T>[] = [];
      const useRaw = needsRaw(text);
      const locator = useRaw ? fullLocator : wordLocator;
      if (!locator || text.length === 0) return out;
      const lastEnd = new Int32Array(tagCount);
      const counts = new Int32Array(tagCount);
      /** Longest candidate per tag at the current position: its rule index and length (0 = none). */
      const bestRule = new Int32Array(tagCount);
      const bestLength = new Int32Array(tagCount);
      const touched: number[] = [];
      const tryLeaf = (leaf: Leaf, at: number) => {
        const tag = tagOf[leaf.rule] ?? 0;
        if (counts[tag]! >= MAX_FINDINGS_PER_FIELD || at < lastEnd[tag]!) return;
        leaf.sticky.lastIndex = at;
        const m = leaf.sticky.exec(text);
        if (!m || m[0].length <= bestLength[tag]!) return;
        const mustContain = rules[leaf.rule]?.rule.mustContain;
        if (mustContain && !mustContain.test(m[0])) return;
        if (bestLength[tag] === 0) touched.push(tag);
        bestRule[tag] = leaf.rule;
        bestLength[tag] = m[0].length;
      };

      locator.lastIndex = 0;
      let m: RegExpExecArray | null;
      // Linear: match starts strictly increase and every rule is bounded in length, so the scan costs at
      // most O(n × longest rule). There is deliberately no global cap on matches: padding a prompt with
      // hundreds of harmless keyword hits must not hide an injection placed after them.
      while ((m = locator.exec(text)) !== null) {
        const at = m.index;
        // Restart just after the match start, so a rule that starts inside this match (an injection phrase
        // containing "jailbroken") is still found.
        locator.lastIndex = at + 1;
        // Every rule whose first word starts here, of any tag: a blocked keyword and a built-in phrase, or
        // an allowlist phrase and a keyword, may start at the same position and must all be seen.
        // (The locator's \b applies to trie matches; a raw-rule hit may sit inside a word.)
        let node: TrieNode | undefined = at === 0 || !isWordChar(text.charCodeAt(at - 1)) ? root : undefined;
        for (let k = at; node && k < text.length; k++) {
          node = node.children.get(text.charAt(k).toLowerCase());
          if (node) for (const [leaf] of node.leaves) tryLeaf(leaf, at);
        }
        if (useRaw) for (const leaf of rawLeaves) tryLeaf(leaf, at);
        for (const tag of touched) {
          const rule = rules[bestRule[tag]!];
          const length = bestLength[tag]!;
          bestLength[tag] = 0;
          if (!rule) continue;
          counts[tag]!++;
          lastEnd[tag] = at + length;
          out.push({ start: at, end: at + length, label: rule.rule.label, tag: rule.tag });
        }
        touched.length = 0;
      }
      return out;
    },
  };
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
