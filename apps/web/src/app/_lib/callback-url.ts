const FALLBACK = "/projects";
/** A stand-in origin to resolve the value against; never sent anywhere. */
const ORIGIN = "http://callback.invalid";

/**
 * A same-site path to return to after logging in (`/login?callbackUrl=…`); anything else falls back
 * to /projects. The value is resolved the way a browser resolves a redirect (which drops tabs and
 * newlines and reads `\` as `/`, so "/\t/evil.com" means "//evil.com") and must stay on this site; the
 * resolved path is returned, so what is checked is what the browser follows. API routes are refused.
 */
export function safeCallbackUrl(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/")) return FALLBACK;
  let url: URL;
  try {
    url = new URL(v, ORIGIN);
  } catch {
    return FALLBACK;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "//host" after resolving dot segments ("/.//evil.com") would itself be protocol-relative.
  if (url.origin !== ORIGIN || !path.startsWith("/") || path.startsWith("//")) return FALLBACK;
  if (url.pathname === "/api" || url.pathname.startsWith("/api/")) return FALLBACK;
  return path;
}
