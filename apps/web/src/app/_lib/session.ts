import "server-only";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { webEnv } from "~/env";

// The open-redirect guard lives in a plain module so it can be unit-tested without next/headers.
export { safeCallbackUrl } from "./callback-url";

export interface DashboardSession {
  userId: string;
  email: string | null;
  name: string | null;
}

/**
 * The signed-in user, read from the next-auth session cookie, or null (no cookie, a bad or expired
 * one, or a session whose refresh failed).
 *
 * Why not getServerSession(authOptions()): in a Server Component it runs the jwt callback, which
 * refreshes (and so rotates) the tokens once the access token is near expiry, but a Server Component
 * cannot write the new cookie. The browser keeps the old, now used, refresh token, and its next
 * refresh looks like token reuse, which revokes the whole session. Decoding the cookie has no such side
 * effect; the client's SessionProvider (/api/auth/session) does the refreshing, where the cookie is written.
 */
export async function readSession(): Promise<DashboardSession | null> {
  const token = (await getToken({ req: { cookies: await cookies(), headers: {} } as never, secret: webEnv().NEXTAUTH_SECRET })) as
    | ({ userId?: string; error?: string; email?: string | null; name?: string | null } & Record<string, unknown>)
    | null;
  if (!token?.userId || token.error === "RefreshFailed") return null;
  return { userId: token.userId, email: token.email ?? null, name: token.name ?? null };
}
