"use client";

import { useEffect, useRef, useState, type HTMLAttributes, type ReactNode } from "react";

/**
 * A box that scrolls (a wide table or chart, a long prompt, the log drawer's body) and that keyboard users
 * can scroll (WCAG 2.1.1, axe's scrollable-region-focusable; issue 17): while its content overflows it is
 * a labelled region in the tab order, so Tab reaches it and the arrow keys scroll it. While nothing
 * overflows it stays out of the tab order, so fitting tables add no empty tab stops.
 */
export function ScrollRegion({ label, as: Tag = "div", children, ...rest }: { label: string; as?: "div" | "pre"; children: ReactNode } & HTMLAttributes<HTMLElement>) {
  // Typed as both tags so the one ref fits either element.
  const ref = useRef<HTMLDivElement & HTMLPreElement>(null);
  const [scrollable, setScrollable] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setScrollable(el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
    check();
    const resize = new ResizeObserver(check);
    resize.observe(el);
    for (const child of Array.from(el.children)) resize.observe(child);
    // Rows arrive after the first render (queries, paging): look again when the content changes.
    const mutation = new MutationObserver(() => {
      for (const child of Array.from(el.children)) resize.observe(child);
      check();
    });
    mutation.observe(el, { childList: true, subtree: true, characterData: true });
    return () => {
      resize.disconnect();
      mutation.disconnect();
    };
  }, []);
  const focusable = scrollable ? { tabIndex: 0, role: "region", "aria-label": label } : {};
  return Tag === "pre" ? (
    <pre ref={ref} {...rest} {...focusable}>
      {children}
    </pre>
  ) : (
    <div ref={ref} {...rest} {...focusable}>
      {children}
    </div>
  );
}
