"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "~/components/ui/cn";
import { NAV_ITEMS } from "./nav-items";

function NavLink({ href, label, soon, active, onNavigate }: { href: string; label: string; soon?: boolean; active: boolean; onNavigate: () => void }) {
  return (
    <Link
      href={href}
      onClick={onNavigate}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex items-center justify-between rounded-md px-3 py-2 text-sm font-medium",
        active ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
      )}
    >
      <span>{label}</span>
      {soon ? <span className="rounded bg-chip text-chip-fg px-1.5 py-0.5 text-[10px] font-semibold tracking-wide uppercase">Soon</span> : null}
    </Link>
  );
}

export function SideNav({ onNavigate }: { onNavigate: () => void }) {
  const pathname = usePathname() ?? "";
  // Project-scoped module pages (/projects/<id>/logs, /projects/<id>/secrets) light up their module,
  // not "Projects"; the others (the audit log) stay under "Projects".
  const section = /^\/projects\/[^/]+\/([^/]+)/.exec(pathname)?.[1];
  const moduleItem = section ? NAV_ITEMS.find((i) => i.sections?.includes(section)) : undefined;
  const isActive = (href: string) => (moduleItem ? href === moduleItem.href : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label="Main" className="flex-1 space-y-6 overflow-y-auto px-3 py-4 lg:py-0">
      <ul className="space-y-1">
        {NAV_ITEMS.map((item) => (
          <li key={item.href}>
            <NavLink {...item} active={isActive(item.href)} onNavigate={onNavigate} />
          </li>
        ))}
      </ul>
      <div>
        <p className="px-3 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">Developers</p>
        <ul className="space-y-1">
          <li>
            <NavLink href="/docs/api" label="API reference" active={isActive("/docs/api")} onNavigate={onNavigate} />
          </li>
        </ul>
      </div>
    </nav>
  );
}
