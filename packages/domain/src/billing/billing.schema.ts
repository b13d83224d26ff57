import { z } from "zod";
import { BILLING_PLANS } from "./plans";

/** Billing (issue 11): client-safe shapes shared by REST (and so the OpenAPI document), tRPC and the dashboard. */
export const BillingPlanSchema = z.enum(BILLING_PLANS, { error: "plan is free, pro or enterprise" });

const returnUrl = (name: string) => z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL` }).max(2_000).optional();

export const CheckoutInputSchema = z.object({
  /** Checkout sells Pro; Enterprise is arranged with an operator (then changed with POST /billing/plan). */
  plan: z.literal("pro", { error: "Checkout is for the pro plan" }),
  /** Where Stripe sends the customer after paying (default the dashboard's Billing page). */
  successUrl: returnUrl("successUrl"),
  cancelUrl: returnUrl("cancelUrl"),
});
export type CheckoutInput = z.infer<typeof CheckoutInputSchema>;
export const CheckoutResultSchema = z.object({ url: z.string(), sessionId: z.string() });

export const PortalInputSchema = z.object({ returnUrl: returnUrl("returnUrl") });
export type PortalInput = z.infer<typeof PortalInputSchema>;
export const PortalResultSchema = z.object({ url: z.string() });

export const ChangePlanInputSchema = z.object({ plan: BillingPlanSchema });
export type ChangePlanInput = z.infer<typeof ChangePlanInputSchema>;

export const BillingUsageSchema = z.object({
  requests: z.number().int(),
  /** Included requests of the period (Free: the hard cap). */
  limit: z.number().int(),
  periodStart: z.date(),
  periodEnd: z.date(),
  /** Free: ingest is refused past the limit; Pro: the overage is billed. */
  hardCap: z.boolean(),
});

export const BillingInfoSchema = z.object({
  plan: BillingPlanSchema,
  /** Stripe's subscription status (active, past_due, canceled, ...); "active" on Free. */
  status: z.string(),
  usage: BillingUsageSchema,
  nextBillingDate: z.date().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  customerId: z.string().nullable(),
  subscriptionId: z.string().nullable(),
  /** False when the server has no STRIPE_SECRET_KEY: checkout, portal and plan changes answer 503. */
  billingConfigured: z.boolean(),
  /** Whether POST /billing/plan can move to Enterprise (the server has STRIPE_PRICE_ENTERPRISE). */
  enterpriseAvailable: z.boolean(),
});
export type BillingInfo = z.infer<typeof BillingInfoSchema>;

export const InvoiceSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: z.string().nullable(),
  /** Cents. */
  amountDue: z.number().int(),
  amountPaid: z.number().int(),
  currency: z.string(),
  created: z.date(),
  hostedInvoiceUrl: z.string().nullable(),
  invoicePdf: z.string().nullable(),
});
export type Invoice = z.infer<typeof InvoiceSchema>;
export const InvoiceListSchema = z.object({ items: z.array(InvoiceSchema) });

/** The answer of POST /webhooks/stripe. */
export const StripeWebhookResultSchema = z.object({ received: z.literal(true), duplicate: z.boolean() });
