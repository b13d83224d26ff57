"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { useTRPC } from "~/trpc/react";

function initials(nameOrEmail: string): string {
  const words = nameOrEmail.split(/[\s@._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? "?") + (words.length > 1 ? (words[1]?.[0] ?? "") : "")).toUpperCase();
}

/** Who is signed in, with Profile and Log out; always visible at the foot of the navigation. */
export function UserMenu({ fallbackUser }: { fallbackUser: { email: string | null; name: string | null } }) {
  const trpc = useTRPC();
  const pathname = usePathname();
  const me = useQuery(trpc.user.me.queryOptions());
  const [leaving, setLeaving] = useState(false);
  const email = me.data?.email ?? fallbackUser.email ?? "";
  const name = me.data?.name || fallbackUser.name || "";
  const profileActive = pathname === "/profile";

  async function logOut() {
    setLeaving(true);
    try {
      await signOut({ callbackUrl: "/login" });
    } catch {
      setLeaving(false);
    }
  }

  return (
    <div className="border-t border-slate-200 p-3">
      <div className="flex items-center gap-3 px-2 py-2">
        <span aria-hidden="true" className="flex size-9 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-700">
          {initials(name || email || "?")}
        </span>
        <div className="min-w-0">
          {name ? <p className="truncate text-sm font-medium text-slate-900">{name}</p> : null}
          <p className="truncate text-xs text-muted" title={email}>
            {email || "Signed in"}
          </p>
        </div>
      </div>
      <div className="mt-1 flex items-center gap-2 px-2">
        <Link
          href="/profile"
          aria-current={profileActive ? "page" : undefined}
          className={cn("rounded-md px-2.5 py-1.5 text-xs font-semibold", profileActive ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100")}
        >
          Profile
        </Link>
        <Button variant="ghost" size="sm" onClick={logOut} pending={leaving}>
          Log out
        </Button>
      </div>
    </div>
  );
}
