import { describe, expect, it } from "vitest";
import { BLOCKED_KEYWORD_POINTS, createBlockedKeywordDetector, SENSITIVE_KEYWORD_POINTS, sensitiveKeywordDetector } from "./keywords.detector.ts";
import { expectLinearOnAdversarialInputs } from "./test-support.ts";

const labels = (text: string) => sensitiveKeywordDetector.detect(text).map((f) => f.label);
const matched = (text: string) => sensitiveKeywordDetector.detect(text).map((f) => text.slice(f.start, f.end));

describe("sensitive keyword detector", () => {
  it("finds built-in keywords whole-word, case-insensitively, with plurals and flexible separators", () => {
    const text = "My PASSWORD and passwords; the API_KEY, an apikey, a credit-card, an SSN, confidential memo, bombs.";
    expect(matched(text)).toEqual(["PASSWORD", "passwords", "API_KEY", "apikey", "credit-card", "SSN", "confidential", "bombs"]);
    expect(labels(text)).toEqual(["password", "password", "api key", "api key", "credit card", "ssn", "confidential", "bomb"]);
  });

  it.each(["passport photo", "a bomber jacket", "exploitation of labour", "weaponry museum", "classifieds section", "rapid keys", "assn meeting"])(
    "ignores %j",
    (text) => {
      expect(sensitiveKeywordDetector.detect(text)).toEqual([]);
    },
  );

  it("scores the design's +20 once and lists each keyword once", () => {
    const findings = sensitiveKeywordDetector.detect("password password api key").map((f) => ({ ...f, field: "prompt" as const }));
    const factor = sensitiveKeywordDetector.toFactor(findings);
    expect(factor).toMatchObject({ type: "sensitive_keyword", points: SENSITIVE_KEYWORD_POINTS, detail: "Sensitive keywords in prompt: password, api key" });
    expect(factor.spans).toHaveLength(3);
  });

  it("stays linear on adversarial input", () => {
    expectLinearOnAdversarialInputs((t) => sensitiveKeywordDetector.detect(t));
  });
});

describe("blocked keyword detector", () => {
  it("returns null for an empty or blank list", () => {
    expect(createBlockedKeywordDetector([])).toBeNull();
    expect(createBlockedKeywordDetector(["  ", ""])).toBeNull();
  });

  it("matches project keywords whole-word and case-insensitively, without plural forms", () => {
    const d = createBlockedKeywordDetector(["Project Falcon", "acme-internal"]);
    const text = "project  falcon is ACME-INTERNAL; projectfalcon, Project Falcons and acme-internals are not";
    expect(d?.detect(text).map((f) => text.slice(f.start, f.end))).toEqual(["project  falcon", "ACME-INTERNAL"]);
  });

  it("builds a blocked_keyword factor worth +20 that lists the configured keywords", () => {
    const d = createBlockedKeywordDetector(["Project Falcon"]);
    const findings = d?.detect("about PROJECT FALCON").map((f) => ({ ...f, field: "response" as const })) ?? [];
    expect(d?.toFactor(findings)).toMatchObject({
      type: "blocked_keyword",
      points: BLOCKED_KEYWORD_POINTS,
      detail: "Blocked keywords in response: Project Falcon",
    });
  });

  it("stays linear on adversarial input", () => {
    const d = createBlockedKeywordDetector(["a", "aa a", "ignore", "@", "1-1"]);
    expectLinearOnAdversarialInputs((t) => d?.detect(t));
  });
});
