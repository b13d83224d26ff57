import type { ReactNode } from "react";
import { cn } from "./cn";

type Tone = "gray" | "green" | "amber" | "red" | "indigo" | "blue";

const TONES: Record<Tone, string> = {
  gray: "bg-chip text-chip-fg ring-slate-500/20",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  red: "bg-red-50 text-red-700 ring-red-600/20",
  indigo: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
  blue: "bg-sky-50 text-sky-700 ring-sky-600/20",
};

export function Badge({ tone = "gray", children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return <span className={cn("inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset", TONES[tone], className)}>{children}</span>;
}

const ROLE_TONES: Record<string, Tone> = { owner: "indigo", admin: "blue", developer: "green", viewer: "gray" };

export function RoleBadge({ role }: { role: string }) {
  return <Badge tone={ROLE_TONES[role] ?? "gray"}>{role}</Badge>;
}

export function KeyStatusBadge({ status }: { status: string }) {
  if (status === "active") return <Badge tone="green">Active</Badge>;
  if (status === "expired") return <Badge tone="red">Expired</Badge>;
  return <Badge tone="amber">No keys</Badge>;
}
