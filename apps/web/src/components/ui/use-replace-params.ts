"use client";

import { usePathname } from "next/navigation";
import { useCallback } from "react";

/**
 * Rewrites the query string in place (the logs and incidents views): the native History API keeps
 * useSearchParams in sync without a round trip to the server for the page's RSC payload.
 */
export function useReplaceParams() {
  const pathname = usePathname();
  return useCallback(
    (change: (params: URLSearchParams) => URLSearchParams) => {
      const next = change(new URLSearchParams(window.location.search));
      const qs = next.toString();
      window.history.replaceState(null, "", qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname],
  );
}
