export * from "./notification.schema";
export { meetsMinSeverity, notifyIncident, readNotificationSettings, sendTestNotification, type NotificationOutcome, type NotifyIncidentResult } from "./notification.service";
export { signatureHeader } from "./signature";
export { checkDestinationUrl, isNonPublicAddress } from "./safe-url";
export { NOTIFY_TIMEOUT_MS } from "./post-json";
