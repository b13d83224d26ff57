import type { UseQueryResult } from "@tanstack/react-query";
import type { Invoice } from "@llmguard/domain/schemas";
import { Button } from "~/components/ui/button";
import { Section } from "~/components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "~/components/ui/states";
import { Table, Td, Th } from "~/components/ui/table";
import { Time } from "~/components/ui/time";
import { InvoiceStatusBadge } from "./billing-badges";
import { billingErrorMessage, formatAmount } from "./billing-format";

const LINK = "font-medium link";

/** The account's invoices from Stripe, newest first. */
export function InvoicesSection({ invoices, billingConfigured }: { invoices: UseQueryResult<{ items: Invoice[] }, unknown>; billingConfigured: boolean }) {
  const items = invoices.data?.items ?? [];
  return (
    <Section
      id="invoices"
      title="Invoices"
      description="From Stripe, newest first."
      actions={
        <Button variant="secondary" size="sm" onClick={() => invoices.refetch()} pending={invoices.isRefetching} disabled={invoices.isPending}>
          Refresh
        </Button>
      }
    >
      {invoices.isPending ? (
        <LoadingState label="Loading invoices…" className="py-4" />
      ) : invoices.isError && !invoices.data ? (
        <ErrorState error={new Error(billingErrorMessage(invoices.error))} title="Could not load invoices" onRetry={() => invoices.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No invoices yet">
          {billingConfigured ? <p>Invoices appear here after your first payment.</p> : <p>Billing is not configured on this server, so there are no invoices.</p>}
        </EmptyState>
      ) : (
        <Table caption="Invoices, newest first">
          <thead>
            <tr>
              <Th>Number</Th>
              <Th>Date</Th>
              <Th className="text-right">Amount</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Links</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((inv) => (
              <tr key={inv.id} data-testid="invoice-row" data-status={inv.status ?? ""}>
                <Td className="font-mono text-xs">{inv.number ?? inv.id}</Td>
                <Td>
                  <Time value={inv.created} />
                </Td>
                <Td className="text-right tabular-nums">
                  {formatAmount(inv.amountDue, inv.currency)}
                  {inv.amountPaid > 0 && inv.amountPaid !== inv.amountDue ? <span className="block text-xs text-muted">{formatAmount(inv.amountPaid, inv.currency)} paid</span> : null}
                </Td>
                <Td>
                  <InvoiceStatusBadge status={inv.status} />
                </Td>
                <Td className="space-x-3 text-right">
                  {inv.hostedInvoiceUrl ? (
                    <a href={inv.hostedInvoiceUrl} target="_blank" rel="noopener noreferrer" className={LINK} aria-label={`View invoice ${inv.number ?? inv.id}`}>
                      View
                    </a>
                  ) : null}
                  {inv.invoicePdf ? (
                    <a href={inv.invoicePdf} target="_blank" rel="noopener noreferrer" className={LINK} aria-label={`Download invoice ${inv.number ?? inv.id} as PDF`}>
                      PDF
                    </a>
                  ) : null}
                  {!inv.hostedInvoiceUrl && !inv.invoicePdf ? <span className="text-muted">—</span> : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {invoices.isRefetchError ? (
        <p role="alert" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Could not refresh the invoices. Showing what was loaded before.
        </p>
      ) : null}
    </Section>
  );
}
