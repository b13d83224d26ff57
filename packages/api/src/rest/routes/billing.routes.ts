import {
  BillingInfoSchema,
  changePlan,
  ChangePlanInputSchema,
  CheckoutInputSchema,
  CheckoutResultSchema,
  createCheckout,
  createPortal,
  getBilling,
  InvoiceListSchema,
  listInvoices,
  PortalInputSchema,
  PortalResultSchema,
} from "@llmguard/domain";
import { defineRoute } from "../define-route";

/** Billing (issue 11): always the signed-in user's own account (the design's User → Billing). */
export const billingRoutes = [
  defineRoute({
    method: "GET", path: "/api/v1/billing", tag: "Billing", auth: "user", output: BillingInfoSchema,
    summary: "Your plan, subscription status and this period's usage against the plan's volume",
    handler: ({ app, user }) => getBilling({ app, userId: user.userId }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/billing/checkout", tag: "Billing", auth: "user",
    summary: "Start a Stripe Checkout Session for Pro (subscription mode); open its url to pay",
    input: CheckoutInputSchema, output: CheckoutResultSchema, errors: ["CONFLICT", "BILLING_NOT_CONFIGURED", "PAYMENT_PROVIDER_ERROR"],
    handler: ({ app, user, input }) => createCheckout({ app, userId: user.userId, input }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/billing/portal", tag: "Billing", auth: "user",
    summary: "Open Stripe's billing portal (card, cancellation, invoices)",
    input: PortalInputSchema, output: PortalResultSchema, errors: ["BILLING_NOT_CONFIGURED", "PAYMENT_PROVIDER_ERROR"],
    handler: ({ app, user, input }) => createPortal({ app, userId: user.userId, input }),
  }),
  defineRoute({
    method: "GET", path: "/api/v1/billing/invoices", tag: "Billing", auth: "user", output: InvoiceListSchema, errors: ["PAYMENT_PROVIDER_ERROR"],
    summary: "Your invoices from Stripe, newest first",
    handler: ({ app, user }) => listInvoices({ app, userId: user.userId }),
  }),
  defineRoute({
    method: "POST", path: "/api/v1/billing/plan", tag: "Billing", auth: "user",
    summary: "Change plan: upgrade or downgrade with proration; free cancels at the period's end. The plan follows when Stripe confirms",
    input: ChangePlanInputSchema, output: BillingInfoSchema, errors: ["CONFLICT", "BILLING_NOT_CONFIGURED", "PAYMENT_PROVIDER_ERROR"],
    handler: ({ app, user, input }) => changePlan({ app, userId: user.userId, input }),
  }),
];
