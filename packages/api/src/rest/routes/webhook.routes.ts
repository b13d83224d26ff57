import { DATADOG_MAX_BODY_BYTES, DATADOG_SECRET_HEADER, DATADOG_SIGNATURE_HEADER, DatadogWebhookResultSchema, receiveDatadogAlert, receiveStripeWebhook, STRIPE_WEBHOOK_TOLERANCE_SECONDS, StripeWebhookResultSchema } from "@llmguard/domain";
import { defineRoute } from "../define-route";
import { json } from "../http";

/** Stripe's events are small JSON documents; 512 KB leaves room for large invoices. */
const STRIPE_MAX_BODY_BYTES = 512 * 1024;

/** Inbound webhooks (issue 9): no user or API key; each authenticates its sender itself. */
export const webhookRoutes = [
  defineRoute({
    method: "POST", path: "/webhooks/datadog", tag: "Webhooks", auth: "none", raw: true, produces: "application/json",
    summary: "Datadog monitor alerts (?projectId=): opens, updates, mitigates or resolves the incident of the alert cycle",
    description: `Authenticated by the project's Datadog secret: HTTP Basic (user: the project id, password: the secret), the header ${DATADOG_SECRET_HEADER}, or ${DATADOG_SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> (at most 5 minutes old). Body: JSON, at most ${DATADOG_MAX_BODY_BYTES / 1024} KB. A redelivered event id changes nothing.`,
    output: DatadogWebhookResultSchema, errors: ["UNAUTHENTICATED", "VALIDATION_FAILED", "PAYLOAD_TOO_LARGE"],
    handler: async ({ app, req }) => {
      const rawBody = await req.bytes(DATADOG_MAX_BODY_BYTES); // raw: the signature is over these bytes
      const result = await receiveDatadogAlert({
        app,
        projectId: new URLSearchParams(req.search).get("projectId"),
        credentials: { authorization: req.headers.get("authorization"), secretHeader: req.headers.get(DATADOG_SECRET_HEADER), signature: req.headers.get(DATADOG_SIGNATURE_HEADER) },
        rawBody,
        contentType: req.headers.get("content-type"),
      });
      return json(result, 200);
    },
  }),
  defineRoute({
    method: "POST", path: "/webhooks/stripe", tag: "Webhooks", auth: "none", raw: true, produces: "application/json",
    summary: "Stripe events (checkout, subscriptions, invoices): stored once by id and processed in the background",
    description: `Verified with STRIPE_WEBHOOK_SECRET: the Stripe-Signature header over the raw body, at most ${STRIPE_WEBHOOK_TOLERANCE_SECONDS} seconds old. A bad or missing signature answers 400 and stores nothing; a redelivered event answers 200 with duplicate: true and changes nothing. Body at most ${STRIPE_MAX_BODY_BYTES / 1024} KB.`,
    output: StripeWebhookResultSchema, errors: ["VALIDATION_FAILED", "PAYLOAD_TOO_LARGE", "BILLING_NOT_CONFIGURED"],
    handler: async ({ app, req }) => {
      const payload = await req.bytes(STRIPE_MAX_BODY_BYTES); // raw: the signature is over these bytes
      return json(await receiveStripeWebhook({ app, payload, signature: req.headers.get("stripe-signature") }), 200);
    },
  }),
];
