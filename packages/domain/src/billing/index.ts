export * from "./billing.schema";
export * from "./plans";
export { changePlan, createCheckout, createPortal, getBilling, listInvoices } from "./billing.service";
export { billingConfigured, stripeOf } from "./stripe-client";
export { processStaleStripeEvents, processStripeEvent, receiveStripeWebhook, STRIPE_WEBHOOK_TOLERANCE_SECONDS } from "./stripe-events.service";
export { runBillingUsage, type BillingUsageSummary } from "./usage-job";
export { accountOfProject, forgetAllowance, readAllowance, setPlanByOperator, takeAllowance, usageOf, ALLOWANCE_TTL_MS, type AllowanceView } from "./usage";
