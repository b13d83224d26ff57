import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";
import { ScrollRegion } from "~/components/ui/scroll-region";

export function Table({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <ScrollRegion label={caption} className="-mx-5 overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </ScrollRegion>
  );
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn("px-5 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-muted uppercase", className)} {...rest} />;
}

/** A cell; it does not wrap unless its className sets another `whitespace-*` (which would lose to nowrap in the CSS order). */
export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-5 py-3 align-middle text-slate-700", !className?.includes("whitespace-") && "whitespace-nowrap", className)} {...rest} />;
}
