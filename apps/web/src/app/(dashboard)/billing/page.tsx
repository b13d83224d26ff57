import type { Metadata } from "next";
import { Suspense } from "react";
import { BillingView } from "~/components/billing/billing-view";
import { LoadingState } from "~/components/ui/states";

export const metadata: Metadata = { title: "Billing" };

export default function BillingPage() {
  // The return from Stripe Checkout is in the query string (useSearchParams): a Suspense boundary.
  return (
    <Suspense fallback={<LoadingState label="Loading billing…" />}>
      <BillingView />
    </Suspense>
  );
}
