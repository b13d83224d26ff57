/**
 * Makes V8 run a scanning regex as native code from its first real use.
 *
 * V8 compiles a regex to bytecode first and interprets it until it "tiers up" to native code. In the
 * scorer, many regexes never tier up: measured with `node --trace-regexp-tier-up`, 40 of the scorer's 112
 * regexes stayed interpreted through a whole benchmark run, and the scorer took 3–5× longer than under
 * `--regexp-tier-up-ticks=0` (docs/risk.md, "Speed"). One documented trigger always works: an execution
 * on a subject of at least 1,000 characters marks the regex for tier-up, and its next execution compiles
 * native code, which it keeps. So every regex that scans whole fields goes through this once, when its
 * module loads. It changes nothing but speed; a process started with --no-regexp-tier-up is unaffected.
 */
const WARM_SUBJECT = " ".repeat(1024);

export function nativeRegex(re: RegExp): RegExp {
  for (let i = 0; i < 2; i++) {
    re.lastIndex = 0;
    re.exec(WARM_SUBJECT);
  }
  re.lastIndex = 0;
  return re;
}
