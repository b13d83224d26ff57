import type { Metadata } from "next";
import { ComingSoon } from "~/components/shell/coming-soon";

export const metadata: Metadata = { title: "Billing" };

export default function Page() {
  return (
    <ComingSoon
      title="Billing"
      summary="Plans, usage and invoices for your account."
      planned={[
        "Plan selection and upgrades",
        "Usage against plan limits",
        "Invoices and payment methods",
      ]}
    />
  );
}
