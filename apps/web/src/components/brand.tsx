import Link from "next/link";
import { cn } from "./ui/cn";

export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={cn("size-7", className)} aria-hidden="true">
      <path d="M16 2 4 6.5v8.3c0 7.3 5.1 13.7 12 15.2 6.9-1.5 12-7.9 12-15.2V6.5L16 2Z" className="fill-indigo-600" />
      <path d="m11 16 3.5 3.5L21.5 12" fill="none" stroke="white" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function Brand({ href = "/", className }: { href?: string; className?: string }) {
  return (
    <Link href={href} className={cn("inline-flex items-center gap-2 text-lg font-semibold tracking-tight text-slate-900", className)}>
      <Logo />
      <span>LLMGuard</span>
    </Link>
  );
}
