"use client";

import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { getSession, signOut } from "next-auth/react";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@llmguard/api/client";
import { errorCode, isClientError } from "./errors";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

type SessionLike = { userId?: string; error?: string } | null;

let refreshing: Promise<SessionLike> | null = null;

/**
 * Fetches the session once for all callers at that moment: every refresh rotates the refresh token,
 * and the server treats a second use of the old one as theft and revokes the whole session.
 */
function refreshSession(): Promise<SessionLike> {
  refreshing ??= getSession()
    .then((s) => s as SessionLike)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

let leaving = false;
const REDIRECT_MARK = "llmguard.authRedirectAt";

/**
 * The session is gone for good (expired, revoked, logged out elsewhere): clear the cookie and go to the
 * login page, coming back here afterwards. If we were sent here from the login page a moment ago, stop
 * and let the page show its error state instead of bouncing between the two.
 */
function onSessionLost() {
  if (leaving || typeof window === "undefined") return;
  const last = Number(window.sessionStorage.getItem(REDIRECT_MARK) ?? 0);
  if (Date.now() - last < 15_000) return;
  window.sessionStorage.setItem(REDIRECT_MARK, String(Date.now()));
  leaving = true;
  const here = window.location.pathname + window.location.search;
  void signOut({ callbackUrl: `/login?callbackUrl=${encodeURIComponent(here)}` });
}

/**
 * The tRPC route reads the access token straight from the next-auth cookie without refreshing it;
 * only /api/auth/session runs the refresh. So when a call answers UNAUTHENTICATED, ask next-auth for
 * the session once (which rotates the tokens into a new cookie) and replay the call.
 */
const refreshSessionLink: TRPCLink<AppRouter> = () => {
  return ({ op, next }) =>
    observable((observer) => {
      let retried = false;
      let sub: { unsubscribe: () => void } | null = null;
      const attempt = () => {
        sub = next(op).subscribe({
          next: (value) => observer.next(value),
          complete: () => observer.complete(),
          error: (err) => {
            if (retried || errorCode(err) !== "UNAUTHENTICATED" || typeof window === "undefined") {
              observer.error(err);
              return;
            }
            retried = true;
            refreshSession()
              .then((s) => {
                if (s?.userId && s.error !== "RefreshFailed") attempt();
                else observer.error(err);
              })
              .catch(() => observer.error(err));
          },
        });
      };
      attempt();
      return () => sub?.unsubscribe();
    });
};

const NO_RETRY = new Set(["VALIDATION_FAILED", "UNAUTHENTICATED", "INVALID_CREDENTIALS", "INVALID_TOKEN", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "EMAIL_TAKEN", "RATE_LIMITED"]);

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, err) => failures < 2 && !NO_RETRY.has(errorCode(err) ?? ""),
      },
    },
    queryCache: new QueryCache({
      onError: (err) => {
        if (isClientError(err) && errorCode(err) === "UNAUTHENTICATED") onSessionLost();
      },
    }),
  });
}

let browserQueryClient: QueryClient | undefined;

function getQueryClient() {
  // On the server, a fresh client per request; in the browser, one for the page's lifetime.
  if (typeof window === "undefined") return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient());
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [refreshSessionLink, httpBatchLink({ url: "/api/trpc", transformer: superjson })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
