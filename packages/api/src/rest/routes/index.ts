import type { RouteDef } from "../define-route";
import { apiKeyRoutes } from "./api-key.routes";
import { auditRoutes } from "./audit.routes";
import { billingRoutes } from "./billing.routes";
import { authRoutes } from "./auth.routes";
import { configRoutes } from "./config.routes";
import { deliveryRoutes } from "./delivery.routes";
import { detectionRoutes } from "./detection.routes";
import { gatewayRoutes } from "./gateway.routes";
import { guardRoutes } from "./guard.routes";
import { incidentRoutes } from "./incident.routes";
import { notificationRoutes } from "./notification.routes";
import { openApiRoutes } from "./openapi.routes";
import { integrationRoutes } from "./integration.routes";
import { ingestRoutes } from "./ingest.routes";
import { logsRoutes } from "./logs.routes";
import { memberRoutes } from "./member.routes";
import { metricsRoutes } from "./metrics.routes";
import { profileRoutes } from "./profile.routes";
import { projectRoutes } from "./project.routes";
import { remediationRoutes } from "./remediation.routes";
import { secretRoutes } from "./secret.routes";
import { sdkRoutes } from "./sdk.routes";
import { settingsRoutes } from "./settings.routes";
import { webhookRoutes } from "./webhook.routes";

/**
 * Every REST route, one table per feature. The dispatcher takes the first route whose path and method
 * match, and the OpenAPI document lists paths in this order, so keep it stable.
 */
export const restRoutes: RouteDef[] = [
  ...authRoutes,
  ...profileRoutes,
  ...projectRoutes,
  ...apiKeyRoutes,
  ...memberRoutes,
  ...settingsRoutes,
  ...auditRoutes,
  ...configRoutes,
  ...secretRoutes,
  ...ingestRoutes,
  ...guardRoutes,
  ...gatewayRoutes,
  ...logsRoutes,
  ...metricsRoutes,
  ...incidentRoutes,
  ...remediationRoutes,
  ...notificationRoutes,
  ...integrationRoutes,
  ...detectionRoutes,
  ...billingRoutes,
  ...sdkRoutes,
  ...deliveryRoutes,
  ...webhookRoutes,
  ...openApiRoutes(() => restRoutes),
];
