"use client";

import { useState, type ReactNode } from "react";
import { Brand } from "~/components/brand";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { SideNav } from "./side-nav";
import { UserMenu } from "./user-menu";

/** The signed-in layout: a left navigation (a drawer on small screens) and the page. */
export function AppShell({ fallbackUser, children }: { fallbackUser: { email: string | null; name: string | null }; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="min-h-screen lg:pl-64">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <div className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 lg:hidden">
        <Brand href="/projects" />
        <Button variant="secondary" size="sm" aria-expanded={open} aria-controls="sidebar" onClick={() => setOpen((o) => !o)}>
          {open ? "Close menu" : "Menu"}
        </Button>
      </div>
      <aside
        id="sidebar"
        className={cn(
          "flex-col border-r border-slate-200 bg-white lg:fixed lg:inset-y-0 lg:left-0 lg:flex lg:w-64",
          open ? "flex" : "hidden",
        )}
      >
        <div className="hidden px-5 py-5 lg:block">
          <Brand href="/projects" />
        </div>
        <SideNav onNavigate={() => setOpen(false)} />
        <UserMenu fallbackUser={fallbackUser} />
      </aside>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6 lg:px-10">
        {children}
      </main>
    </div>
  );
}
