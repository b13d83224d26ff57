import { apiKeyRouter } from "./routers/api-key.router";
import { auditRouter } from "./routers/audit.router";
import { authRouter } from "./routers/auth.router";
import { configRouter } from "./routers/config.router";
import { incidentRouter } from "./routers/incident.router";
import { remediationRouter } from "./routers/remediation.router";
import { billingRouter } from "./routers/billing.router";
import { notificationRouter } from "./routers/notification.router";
import { integrationRouter } from "./routers/integration.router";
import { logRouter } from "./routers/log.router";
import { memberRouter } from "./routers/member.router";
import { metricRouter } from "./routers/metric.router";
import { outboxRouter } from "./routers/outbox.router";
import { projectRouter } from "./routers/project.router";
import { secretRouter } from "./routers/secret.router";
import { settingRouter } from "./routers/setting.router";
import { userRouter } from "./routers/user.router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  user: userRouter,
  project: projectRouter,
  apiKey: apiKeyRouter,
  member: memberRouter,
  setting: settingRouter,
  config: configRouter,
  secret: secretRouter,
  audit: auditRouter,
  outbox: outboxRouter,
  log: logRouter,
  metric: metricRouter,
  incident: incidentRouter,
  remediation: remediationRouter,
  billing: billingRouter,
  notification: notificationRouter,
  integration: integrationRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
