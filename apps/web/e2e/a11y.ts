import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/**
 * Issue 17: every page the suite visits is audited with axe-core against WCAG 2.0/2.1 A and AA, in its
 * loaded state and with its main dialog open. A serious or critical violation fails the test (softly, so
 * one run lists every page that fails, not only the first); minor and moderate ones are only recorded.
 */
export const A11Y_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING = new Set(["serious", "critical"]);

/** Every audit's full result (all impacts), for the report: e2e/artifacts/a11y/<spec>--<context>.json. */
const reportDir = path.join(import.meta.dirname, "artifacts", "a11y");

export interface A11yOptions {
  /** Audit only this part of the page (a CSS selector), e.g. an open dialog. */
  include?: string;
}

/** One readable line per failing element: rule, impact, target, and axe's summary of what is wrong. */
function describe(violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(" ")} — ${v.help}: ${(n.failureSummary ?? "").replace(/\s+/g, " ").trim()}`),
  );
}

/**
 * Runs axe on the page as it is now and fails (softly) on any serious or critical WCAG 2.1 AA violation,
 * naming the page, the rules and the elements. `context` says which page and state, e.g. "logs: drawer open".
 */
export async function expectNoA11yViolations(page: Page, context: string, options: A11yOptions = {}): Promise<void> {
  // Not while something is refreshing: a list that is being re-read is dimmed for a moment (aria-busy).
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  let builder = new AxeBuilder({ page }).withTags(A11Y_TAGS);
  if (options.include) builder = builder.include(options.include);
  const results = await builder.analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ""));

  mkdirSync(reportDir, { recursive: true });
  const spec = path.basename(test.info().file).replace(/\.spec\.ts$/, "");
  const file = `${spec}--${context.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.json`;
  const summary = results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, targets: v.nodes.map((n) => n.target.join(" ")) }));
  writeFileSync(path.join(reportDir, file), JSON.stringify({ context, url: page.url(), violations: summary }, null, 2));

  expect.soft(describe(blocking), `serious or critical WCAG 2.1 AA violations on ${context} (${page.url()})`).toEqual([]);
}
