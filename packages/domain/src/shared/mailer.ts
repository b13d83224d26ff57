import type { Db } from "@llmguard/db";
import type { Logger } from "./logger";

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly kind: "smtp" | "outbox";
  send(email: Email): Promise<void>;
}

/**
 * SMTP when SMTP_URL is set; otherwise e-mails are kept in the dev outbox table that the dashboard
 * shows at /dev/outbox (ARCHITECTURE decision 3). The body is never logged: it may hold a reset link.
 */
export async function createMailer(opts: { db: Db; logger: Logger; smtpUrl?: string; from: string }): Promise<Mailer> {
  if (!opts.smtpUrl) {
    return {
      kind: "outbox",
      async send(email) {
        await opts.db.outboxEmail.create({ data: email });
        opts.logger.info({ to: email.to, subject: email.subject }, "e-mail kept in the dev outbox (SMTP not configured)");
      },
    };
  }
  const nodemailer = await import("nodemailer");
  const transport = nodemailer.createTransport(opts.smtpUrl);
  return {
    kind: "smtp",
    async send(email) {
      await transport.sendMail({ from: opts.from, ...email });
      opts.logger.info({ to: email.to, subject: email.subject }, "e-mail sent");
    },
  };
}
