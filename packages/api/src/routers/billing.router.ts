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
import { authedProcedure, router } from "../trpc";

/** Billing (issue 11): the same schemas and services as rest/routes/billing.routes.ts, for the signed-in user's account. */
export const billingRouter = router({
  get: authedProcedure.output(BillingInfoSchema).query(({ ctx }) => getBilling({ app: ctx.app, userId: ctx.user.userId })),
  invoices: authedProcedure.output(InvoiceListSchema).query(({ ctx }) => listInvoices({ app: ctx.app, userId: ctx.user.userId })),
  checkout: authedProcedure
    .input(CheckoutInputSchema)
    .output(CheckoutResultSchema)
    .mutation(({ ctx, input }) => createCheckout({ app: ctx.app, userId: ctx.user.userId, input })),
  portal: authedProcedure
    .input(PortalInputSchema)
    .output(PortalResultSchema)
    .mutation(({ ctx, input }) => createPortal({ app: ctx.app, userId: ctx.user.userId, input })),
  changePlan: authedProcedure
    .input(ChangePlanInputSchema)
    .output(BillingInfoSchema)
    .mutation(({ ctx, input }) => changePlan({ app: ctx.app, userId: ctx.user.userId, input })),
});
