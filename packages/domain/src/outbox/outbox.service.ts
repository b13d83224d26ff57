import type { App } from "../app";

export interface OutboxEmailView {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: Date;
}

/**
 * The dev outbox (ARCHITECTURE decision 3): e-mails kept when SMTP is not configured. Empty and disabled
 * once SMTP_URL is set, so a configured deployment never shows mail in the browser.
 */
export async function listOutbox(params: { app: App; limit?: number }): Promise<{ enabled: boolean; emails: OutboxEmailView[] }> {
  if (params.app.mailer.kind !== "outbox") return { enabled: false, emails: [] };
  const emails = await params.app.db.outboxEmail.findMany({ orderBy: { createdAt: "desc" }, take: Math.min(params.limit ?? 50, 200) });
  return { enabled: true, emails };
}
