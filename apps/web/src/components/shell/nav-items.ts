/** The dashboard's modules. The ones not built yet lead to a clearly labeled "Coming soon" page. */
export const NAV_ITEMS: { href: string; label: string; soon?: boolean }[] = [
  { href: "/projects", label: "Projects" },
  { href: "/logs", label: "Logs" },
  { href: "/metrics", label: "Metrics" },
  { href: "/incidents", label: "Incidents", soon: true },
  { href: "/config-secrets", label: "Config & Secrets", soon: true },
  { href: "/billing", label: "Billing", soon: true },
];
