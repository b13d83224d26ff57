import { apiKeyRouter } from "./routers/api-key.router";
import { auditRouter } from "./routers/audit.router";
import { authRouter } from "./routers/auth.router";
import { configRouter } from "./routers/config.router";
import { incidentRouter } from "./routers/incident.router";
import { logsRouter } from "./routers/logs.router";
import { memberRouter } from "./routers/member.router";
import { metricsRouter } from "./routers/metrics.router";
import { outboxRouter } from "./routers/outbox.router";
import { projectRouter } from "./routers/project.router";
import { secretRouter } from "./routers/secret.router";
import { settingsRouter } from "./routers/settings.router";
import { userRouter } from "./routers/user.router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  user: userRouter,
  project: projectRouter,
  apiKey: apiKeyRouter,
  member: memberRouter,
  settings: settingsRouter,
  config: configRouter,
  secret: secretRouter,
  audit: auditRouter,
  outbox: outboxRouter,
  logs: logsRouter,
  metrics: metricsRouter,
  incident: incidentRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
