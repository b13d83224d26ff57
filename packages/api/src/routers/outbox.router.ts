import { listOutbox } from "@llmguard/domain";
import { publicProcedure, router } from "../trpc";

// Public on purpose: it is how a user who cannot log in reads their reset link on a machine without
// SMTP. It answers { enabled: false } as soon as SMTP_URL is configured.
export const outboxRouter = router({
  list: publicProcedure.query(({ ctx }) => listOutbox({ app: ctx.app })),
});
