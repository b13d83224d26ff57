import { sendTestNotification, TestNotificationInputSchema, TestNotificationResultSchema } from "@llmguard/domain";
import { authedProcedure, router } from "../trpc";

/** Notifications (issue 9): the same schema and service as rest/routes/notification.routes.ts. */
export const notificationRouter = router({
  test: authedProcedure
    .input(TestNotificationInputSchema)
    .output(TestNotificationResultSchema)
    .mutation(({ ctx, input }) => sendTestNotification({ app: ctx.app, userId: ctx.user.userId, projectId: input.projectId, channel: input.channel })),
});
