import type { Metadata } from "next";
import { ComingSoon } from "~/components/shell/coming-soon";

export const metadata: Metadata = { title: "Config & Secrets" };

export default function Page() {
  return (
    <ComingSoon
      title="Config & Secrets"
      summary="Remote configuration and encrypted secrets your SDKs read at run time, versioned like project settings."
      planned={[
        "Typed configuration keys with version history",
        "Encrypted secrets with scoped API-key access",
        "Rollback to any earlier version",
      ]}
    />
  );
}
