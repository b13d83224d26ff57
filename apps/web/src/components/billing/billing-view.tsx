"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { BillingInfo } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/card";
import { ErrorState, LoadingState } from "~/components/ui/states";
import { useReplaceParams } from "~/components/ui/use-replace-params";
import { useTRPC } from "~/trpc/react";
import { BannerBox, NoticeBox } from "./billing-banners";
import {
  billingActions,
  billingErrorMessage,
  CHECKOUT_CANCELED_TEXT,
  checkoutReturn,
  CONFIRM_POLL_MS,
  CONFIRM_TIMEOUT_MS,
  confirmedText,
  isConfirmed,
  paymentBanner,
  PORTAL_RETURN_PARAM,
  timeoutText,
  usageBanner,
  waitingText,
  type Awaiting,
  type PlanChange,
} from "./billing-format";
import { InvoicesSection } from "./invoices-section";
import { PlanChangeDialog } from "./plan-change-dialog";
import { PlanSection } from "./plan-section";
import { UsageSection } from "./usage-section";

/** Usage moves with ingest: the page refreshes it this often while open. */
const USAGE_REFRESH_MS = 30_000;
/** After the billing portal, changes made there arrive by webhook within seconds: check this long. */
const PORTAL_CHECK_MS = 20_000;

type Notice = { tone: "success" | "info"; text: string };

/**
 * The Billing page (issue 11). The account's plan changes only when Stripe's webhook has been processed,
 * so after a checkout (`?checkout=success`) or a plan change the page polls billing.get until the plan
 * shows the change, and says so when Stripe is slow.
 */
export function BillingView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const searchParams = useSearchParams();
  const replaceParams = useReplaceParams();

  const [awaiting, setAwaiting] = useState<{ what: Awaiting; since: number } | null>(() => {
    const ret = checkoutReturn(searchParams);
    return ret?.outcome === "success" ? { what: { kind: "checkout", sessionId: ret.sessionId }, since: Date.now() } : null;
  });
  const [timedOut, setTimedOut] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(() => (checkoutReturn(searchParams)?.outcome === "canceled" ? { tone: "info", text: CHECKOUT_CANCELED_TEXT } : null));
  const [portalCheckUntil] = useState(() => (searchParams.get(PORTAL_RETURN_PARAM) ? Date.now() + PORTAL_CHECK_MS : 0));
  const [leaving, setLeaving] = useState<"checkout" | "portal" | null>(null);
  const [changing, setChanging] = useState<PlanChange | null>(null);

  const polling = awaiting !== null && !timedOut;
  const billing = useQuery({
    ...trpc.billing.get.queryOptions(),
    refetchInterval: () => (polling || Date.now() < portalCheckUntil ? CONFIRM_POLL_MS : USAGE_REFRESH_MS),
  });
  const invoices = useQuery(trpc.billing.invoices.queryOptions());

  const checkout = useMutation(
    trpc.billing.checkout.mutationOptions({
      onSuccess: ({ url }) => {
        setLeaving("checkout");
        window.location.assign(url);
      },
    }),
  );
  const portal = useMutation(
    trpc.billing.portal.mutationOptions({
      onSuccess: ({ url }) => {
        setLeaving("portal");
        window.location.assign(url);
      },
    }),
  );
  const changePlan = useMutation(trpc.billing.changePlan.mutationOptions());

  // The return markers have done their job once read: a reload should not repeat a canceled-checkout
  // notice or the portal's check. `?checkout=success` stays until Stripe confirms (a reload keeps waiting).
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (params.get("checkout") === "canceled" || params.has(PORTAL_RETURN_PARAM)) {
      replaceParams((p) => {
        if (p.get("checkout") === "canceled") p.delete("checkout");
        p.delete(PORTAL_RETURN_PARAM);
        return p;
      });
    }
  }, [replaceParams]);

  // Back from Stripe's page through the browser's back/forward cache: the buttons are usable again.
  useEffect(() => {
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) setLeaving(null);
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);

  // Stripe confirmed what the page waits for: say so, stop polling, reload the invoices.
  const data = billing.data;
  useEffect(() => {
    if (!awaiting || !data || !isConfirmed(awaiting.what, data)) return;
    setNotice({ tone: "success", text: confirmedText(awaiting.what, data) });
    setAwaiting(null);
    setTimedOut(false);
    if (awaiting.what.kind === "checkout") {
      replaceParams((p) => {
        p.delete("checkout");
        p.delete("session_id");
        return p;
      });
    }
  }, [awaiting, data, replaceParams]);

  useEffect(() => {
    if (!awaiting) return;
    const t = setTimeout(() => setTimedOut(true), Math.max(0, awaiting.since + CONFIRM_TIMEOUT_MS - Date.now()));
    return () => clearTimeout(t);
  }, [awaiting]);

  // Whenever the subscription changes (a webhook processed: checkout, portal, plan change), Stripe has
  // new invoices to show.
  const signature = data ? [data.plan, data.status, data.cancelAtPeriodEnd, data.subscriptionId].join("|") : null;
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (!signature) return;
    if (seen.current !== null && seen.current !== signature) void queryClient.invalidateQueries({ queryKey: trpc.billing.invoices.queryKey() });
    seen.current = signature;
  }, [signature, queryClient, trpc]);

  const startCheckout = () => {
    portal.reset();
    checkout.mutate({ plan: "pro" });
  };
  const openPortal = () => {
    checkout.reset();
    portal.mutate({ returnUrl: `${window.location.origin}/billing?${PORTAL_RETURN_PARAM}=return` });
  };
  const openChange = (change: PlanChange) => {
    changePlan.reset();
    setChanging(change);
  };
  const confirmChange = (change: PlanChange) => {
    changePlan.mutate(
      { plan: change.to },
      {
        onSuccess: (next) => {
          queryClient.setQueryData(trpc.billing.get.queryKey(), next);
          setChanging(null);
          setNotice(null);
          setTimedOut(false);
          setAwaiting({ what: { kind: "change", change }, since: Date.now() });
        },
      },
    );
  };

  const actionError = checkout.error ?? portal.error;

  return (
    <>
      <PageHeader title="Billing" description="Your plan, this period's usage and your invoices. Billing covers every project you own." />
      {billing.isPending ? (
        <LoadingState label="Loading billing…" />
      ) : billing.isError && !data ? (
        <ErrorState error={new Error(billingErrorMessage(billing.error))} title="Could not load billing" onRetry={() => billing.refetch()} />
      ) : data ? (
        <div className="space-y-6">
          <div className="space-y-3 empty:hidden">
            {awaiting && !timedOut ? (
              <NoticeBox tone="info" busy testId="billing-waiting">
                {waitingText(awaiting.what)}
              </NoticeBox>
            ) : null}
            {awaiting && timedOut ? (
              <NoticeBox
                tone="warning"
                testId="billing-timeout"
                action={
                  <Button variant="secondary" size="sm" onClick={() => billing.refetch()} pending={billing.isRefetching}>
                    Check again
                  </Button>
                }
              >
                {timeoutText(awaiting.what)}
              </NoticeBox>
            ) : null}
            {notice ? (
              <NoticeBox
                tone={notice.tone}
                testId="billing-notice"
                action={
                  <Button variant="ghost" size="sm" onClick={() => setNotice(null)}>
                    Dismiss
                  </Button>
                }
              >
                {notice.text}
              </NoticeBox>
            ) : null}
            <PaymentBanner billing={data} onPortal={openPortal} portalPending={portal.isPending || leaving === "portal"} />
            <UsageBanner billing={data} />
            {billing.isRefetchError ? (
              <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                Could not refresh the billing: {billingErrorMessage(billing.error)} Showing what was loaded before.
              </p>
            ) : null}
          </div>

          <PlanSection
            billing={data}
            busy={polling || leaving !== null}
            checkoutPending={checkout.isPending || leaving === "checkout"}
            portalPending={portal.isPending || leaving === "portal"}
            error={actionError ? billingErrorMessage(actionError) : null}
            onCheckout={startCheckout}
            onPortal={openPortal}
            onChange={openChange}
          />
          <UsageSection billing={data} onRefresh={() => billing.refetch()} refreshing={billing.isRefetching && !polling} />
          <InvoicesSection invoices={invoices} billingConfigured={data.billingConfigured} />

          <PlanChangeDialog
            billing={data}
            change={changing}
            pending={changePlan.isPending}
            error={changePlan.error ? billingErrorMessage(changePlan.error) : null}
            onConfirm={confirmChange}
            onCancel={() => setChanging(null)}
          />
        </div>
      ) : null}
    </>
  );
}

function PaymentBanner({ billing, onPortal, portalPending }: { billing: BillingInfo; onPortal: () => void; portalPending: boolean }) {
  const banner = paymentBanner(billing);
  if (!banner) return null;
  return (
    <BannerBox
      banner={banner}
      testId="payment-banner"
      action={
        billingActions(billing).portal ? (
          <Button variant="secondary" size="sm" onClick={onPortal} pending={portalPending}>
            Update payment method
          </Button>
        ) : null
      }
    />
  );
}

function UsageBanner({ billing }: { billing: BillingInfo }) {
  const banner = usageBanner(billing);
  return banner ? <BannerBox banner={banner} testId="usage-banner" /> : null;
}
