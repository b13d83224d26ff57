/**
 * The dashboard's modules. The ones not built yet lead to a clearly labeled "Coming soon" page.
 * `sections` are the project-scoped pages (/projects/<id>/<section>) that light the module up.
 */
export const NAV_ITEMS: { href: string; label: string; soon?: boolean; sections?: string[] }[] = [
  { href: "/projects", label: "Projects" },
  { href: "/logs", label: "Logs", sections: ["logs"] },
  { href: "/metrics", label: "Metrics", sections: ["metrics"] },
  { href: "/incidents", label: "Incidents", sections: ["incidents", "remediations"] },
  { href: "/config-secrets", label: "Config & Secrets", sections: ["config", "secrets"] },
  { href: "/billing", label: "Billing" },
];
