"use client";

import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "~/trpc/react";

/**
 * Client-side providers: the next-auth session (polled every few minutes and on focus, which is also
 * what refreshes the access token inside the session cookie) and tRPC + React Query.
 */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <SessionProvider refetchInterval={4 * 60} refetchOnWindowFocus>
      <TRPCReactProvider>{children}</TRPCReactProvider>
    </SessionProvider>
  );
}
