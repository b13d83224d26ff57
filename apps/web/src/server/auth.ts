import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getToken } from "next-auth/jwt";
import {
  ACCESS_TOKEN_TTL_SECONDS,
  authenticateAccessToken,
  describeError,
  LoginInputSchema,
  loginUser,
  logoutUser,
  refreshTokens,
  REFRESH_TOKEN_TTL_SECONDS,
  requestClientIp,
  safeJson,
  type TrustProxy,
} from "@llmguard/domain";
import { bearerToken, clientIp, type RestRequest } from "@llmguard/api";
import { webEnv } from "~/env";
import { getApp } from "./app";

/**
 * The dashboard signs in through next-auth with the same credential check and token rules as the REST
 * API: the next-auth JWT cookie carries our access and refresh tokens, refreshes (and rotates) them when
 * the access token expires, and logout revokes the session so every token of it dies at once.
 */
interface LlmGuardJwt {
  userId?: string;
  accessToken?: string;
  refreshToken?: string;
  accessExpiresAt?: number;
  error?: "RefreshFailed";
}

export function authOptions(): NextAuthOptions {
  return {
    secret: webEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: REFRESH_TOKEN_TTL_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = LoginInputSchema.safeParse(safeJson(credentials ?? {}));
          if (!parsed.success) return null;
          const app = await getApp();
          const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
          const ip = requestClientIp(headers["x-forwarded-for"], app.env.TRUST_PROXY);
          try {
            const tokens = await loginUser({ app, input: parsed.data, meta: { ip, userAgent: headers["user-agent"] ?? null } });
            return { id: tokens.userId, email: parsed.data.email, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
          } catch (e) {
            // next-auth shows the error's message on the sign-in page: keep it the generic one.
            const { code } = describeError(e);
            if (code === "RATE_LIMITED") throw new Error("Too many failed logins. Try again later.");
            if (code === "INVALID_CREDENTIALS") return null;
            if (code === "SERVICE_UNAVAILABLE") throw new Error("The service is briefly unavailable. Try again in a moment.");
            throw e;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        const t = token as typeof token & LlmGuardJwt;
        if (user) {
          const u = user as unknown as { id: string; accessToken: string; refreshToken: string };
          t.userId = u.id;
          t.accessToken = u.accessToken;
          t.refreshToken = u.refreshToken;
          t.accessExpiresAt = Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000;
          return t;
        }
        // Refresh a minute early so a request never carries a token that expires in flight.
        if (t.refreshToken && t.accessExpiresAt && Date.now() > t.accessExpiresAt - 60_000) {
          try {
            const next = await refreshTokens({ app: await getApp(), refreshToken: t.refreshToken });
            t.accessToken = next.accessToken;
            t.refreshToken = next.refreshToken;
            t.accessExpiresAt = Date.now() + next.expiresIn * 1000;
          } catch {
            t.error = "RefreshFailed";
            delete t.accessToken;
            delete t.refreshToken;
          }
        }
        return t;
      },
      async session({ session, token }) {
        const t = token as typeof token & LlmGuardJwt;
        return { ...session, userId: t.userId, error: t.error } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        const t = token as LlmGuardJwt | null;
        if (!t?.accessToken) return;
        const app = await getApp();
        const who = await authenticateAccessToken({ app, token: t.accessToken });
        if (who) await logoutUser({ app, sessionId: who.sessionId });
      },
    },
  };
}

/**
 * The access token of a request: `Authorization: Bearer` first, else the one inside the next-auth
 * session cookie. Either way the caller then goes through authenticateAccessToken.
 */
export async function accessTokenFrom(req: Pick<RestRequest, "headers">): Promise<string | null> {
  const bearer = bearerToken(req);
  if (bearer) return bearer;
  const cookie = req.headers.get("cookie");
  if (!cookie) return null;
  // next-auth 4's getToken reads `req.cookies` (an object), not the Cookie header: parse it here.
  const cookies = Object.fromEntries(
    cookie.split(";").flatMap((part) => {
      const i = part.indexOf("=");
      if (i <= 0) return [];
      try {
        return [[part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim())]];
      } catch {
        return []; // a malformed cookie is no session, not a 500
      }
    }),
  );
  const token = (await getToken({ req: { cookies, headers: { cookie } } as never, secret: webEnv().NEXTAUTH_SECRET })) as LlmGuardJwt | null;
  // Decoding only: refreshing happens in the jwt callback of /api/auth/session, where the new cookie
  // can be written. A refresh here would rotate the refresh token without storing the successor.
  return token?.error ? null : (token?.accessToken ?? null);
}

export function requestMeta(req: Request, app: { env: { TRUST_PROXY: TrustProxy } }) {
  return { ip: clientIp(req, app.env.TRUST_PROXY), userAgent: req.headers.get("user-agent") };
}
