import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "~/components/shell/app-shell";
import { readSession } from "../_lib/session";

/** Every page in this group needs a signed-in user; the check runs on the server, before any HTML. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const session = await readSession();
  if (!session) redirect("/login");
  return <AppShell fallbackUser={{ email: session.email, name: session.name }}>{children}</AppShell>;
}
