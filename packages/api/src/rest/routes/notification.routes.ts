import { sendTestNotification, TestNotificationInputSchema, TestNotificationResultSchema } from "@llmguard/domain";
import { defineRoute } from "../define-route";

/**
 * Notifications (issue 9). Channels are configured with the settings (`notifications.*.minSeverity`) and
 * the secrets API (NOTIFY_SLACK_WEBHOOK_URL, NOTIFY_WEBHOOK_URL, NOTIFY_WEBHOOK_SIGNING_SECRET); this
 * sends a sample to one channel now (admins and the owner).
 */
export const notificationRoutes = [
  defineRoute({
    method: "POST", path: "/api/v1/projects/{projectId}/notifications/test", tag: "Notifications", auth: "user",
    summary: "Send a test notification to one channel (email, slack or webhook) now, whatever its minimum severity",
    description: "400 when the channel is not configured, its URL is refused (https and public addresses only) or the receiver answers 4xx; 503 when the receiver fails or does not answer within 5 s.",
    input: TestNotificationInputSchema, output: TestNotificationResultSchema, errors: ["NOT_FOUND", "FORBIDDEN", "SERVICE_UNAVAILABLE"],
    handler: ({ app, user, input }) => sendTestNotification({ app, userId: user.userId, projectId: input.projectId, channel: input.channel }),
  }),
];
