import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

const FALLBACK = "/projects";
const APP = "https://app.example";

/** Where a browser ends up when it is sent to `path` from a page of the app (what redirect() and router.replace do). */
const landsOn = (path: string) => new URL(path, `${APP}/login`);

describe("safeCallbackUrl", () => {
  it.each([
    ["/projects", "/projects"],
    ["/projects/p1/logs", "/projects/p1/logs"],
    ["/projects/p1/logs?q=refund&status=error&sort=latency&order=asc", "/projects/p1/logs?q=refund&status=error&sort=latency&order=asc"],
    ["/projects/p1/logs?request=abc#prompt", "/projects/p1/logs?request=abc#prompt"],
    ["/projects/p1/config?next=//evil.com", "/projects/p1/config?next=//evil.com"],
    ["/settings/api-keys", "/settings/api-keys"],
    ["/", "/"],
    ["/apiary", "/apiary"],
  ])("keeps the same-site path %j", (value, expected) => {
    expect(safeCallbackUrl(value)).toBe(expected);
  });

  it.each([
    ["nothing", undefined],
    ["an empty string", ""],
    ["an empty list", []],
    ["an absolute URL to another host", "https://evil.com/projects"],
    ["an absolute http URL", "http://evil.com"],
    ["an absolute URL to this host", `${APP}/projects`],
    ["a protocol-relative URL", "//evil.com"],
    ["a protocol-relative URL with a path", "//evil.com/projects"],
    ["three slashes", "///evil.com"],
    ["a backslash after the slash", "/\\evil.com"],
    ["two backslashes", "\\\\evil.com"],
    ["a backslash first", "\\/evil.com"],
    ["a tab between the slashes", "/\t/evil.com"],
    ["a newline between the slashes", "/\n/evil.com"],
    ["CR LF between the slashes", "/\r\n/evil.com"],
    ["a tab before a backslash", "/\t\\evil.com"],
    ["a dot segment that leaves two slashes", "/.//evil.com"],
    ["a dot-dot segment that leaves two slashes", "/x/..//evil.com"],
    ["javascript:", "javascript:alert(document.cookie)"],
    ["JavaScript: in capitals", "JavaScript:alert(1)"],
    ["javascript: after a space", " javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["a leading space", " /projects"],
    ["a leading tab before //", "\t//evil.com"],
    ["a relative path", "projects"],
    ["a host without a scheme", "evil.com"],
    ["the API", "/api/v1/projects"],
    ["the API's sign-out", "/api/auth/signout"],
    ["the API behind a dot segment", "/./api/auth/signout"],
    ["the API behind a dot-dot segment", "/projects/../api/auth/signout"],
  ])("falls back for %s", (_name, value) => {
    expect(safeCallbackUrl(value)).toBe(FALLBACK);
  });

  it.each([
    ["%2F%2Fevil.com", "/%2F%2Fevil.com"],
    ["%5Cevil.com", "/%5Cevil.com"],
    ["%09%2Fevil.com", "/%09%2Fevil.com"],
  ])("keeps an encoded /%s on this site (the browser does not decode it into a host)", (_name, value) => {
    const result = safeCallbackUrl(value);
    expect(landsOn(result).origin).toBe(APP);
    expect(result.startsWith("/")).toBe(true);
  });

  it("uses the first of repeated parameters", () => {
    expect(safeCallbackUrl(["/projects/p1", "//evil.com"])).toBe("/projects/p1");
    expect(safeCallbackUrl(["//evil.com", "/projects/p1"])).toBe(FALLBACK);
  });

  it("never returns anything that leaves the site, whatever the input", () => {
    const pieces = ["/", "\\", "//", "\t", "\n", "\r", " ", ".", "..", "%2F", "%5C", "%09", "evil.com", "@evil.com", ":", "javascript:", "http:", "?", "#", "api", "x"];
    let checked = 0;
    for (const a of pieces) {
      for (const b of pieces) {
        for (const c of pieces) {
          const value = `${a}${b}${c}`;
          const result = safeCallbackUrl(value);
          expect(landsOn(result).origin, JSON.stringify(value)).toBe(APP);
          expect(result, JSON.stringify(value)).toMatch(/^\/(?![/\\])/);
          expect(result, JSON.stringify(value)).not.toMatch(/[\t\n\r]/);
          checked++;
        }
      }
    }
    expect(checked).toBe(pieces.length ** 3);
  });
});
