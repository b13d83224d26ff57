import { DATADOG_MAX_BODY_BYTES, DATADOG_SECRET_HEADER, DATADOG_SIGNATURE_HEADER, DatadogWebhookResultSchema, DomainError, receiveDatadogAlert, receiveStripeWebhook, STRIPE_WEBHOOK_TOLERANCE_SECONDS, StripeWebhookResultSchema } from "@llmguard/domain";
import { defineRoute } from "../define-route";
import { json } from "../http";

/**
 * The raw body, at most `limit` bytes (413 beyond, read no further): the signature is over these bytes,
 * so the route is `raw` and the dispatcher does not parse the body itself.
 */
async function readRawBody(req: Request, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new DomainError("PAYLOAD_TOO_LARGE", `Request body exceeds ${limit} bytes`, { details: { limitBytes: limit } });
  if (Number(req.headers.get("content-length") ?? "0") > limit) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (err) {
    if ((err as DomainError).code === "PAYLOAD_TOO_LARGE") throw err;
    throw new DomainError("VALIDATION_FAILED", "Request body could not be read"); // the sender went away mid-upload
  }
  return Buffer.concat(chunks);
}

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
      const rawBody = await readRawBody(req, DATADOG_MAX_BODY_BYTES);
      const result = await receiveDatadogAlert({
        app,
        projectId: new URL(req.url).searchParams.get("projectId"),
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
      const payload = Buffer.from(await readRawBody(req, STRIPE_MAX_BODY_BYTES));
      return json(await receiveStripeWebhook({ app, payload, signature: req.headers.get("stripe-signature") }), 200);
    },
  }),
];
