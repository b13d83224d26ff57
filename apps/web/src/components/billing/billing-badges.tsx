import { Badge } from "~/components/ui/badge";
import { invoiceStatus, subscriptionStatus } from "./billing-format";

export function SubscriptionStatusBadge({ status }: { status: string }) {
  const s = subscriptionStatus(status);
  return (
    <span data-testid="subscription-status" data-status={status} className="inline-flex">
      <Badge tone={s.tone}>
        <span className="sr-only">Status: </span>
        {s.label}
      </Badge>
    </span>
  );
}

export function CancelsBadge() {
  return (
    <span data-testid="cancels-at-period-end" className="inline-flex">
      <Badge tone="amber">Cancels at period end</Badge>
    </span>
  );
}

export function InvoiceStatusBadge({ status }: { status: string | null }) {
  const s = invoiceStatus(status);
  return (
    <Badge tone={s.tone}>
      <span className="sr-only">Status: </span>
      {s.label}
    </Badge>
  );
}
