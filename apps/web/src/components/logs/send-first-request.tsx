"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { CopyButton } from "~/components/ui/copy-button";
import { ScrollRegion } from "~/components/ui/scroll-region";

const noSubscribe = () => () => {};

/** How to get a first request into a project: one curl call with the project's API key. */
export function SendFirstRequest({ projectId }: { projectId: string }) {
  // The server renders a placeholder origin; the browser knows the real one.
  const origin = useSyncExternalStore(noSubscribe, () => window.location.origin, () => "https://your-llmguard-host");
  const command = [
    `curl -X POST ${origin}/api/v1/requests \\`,
    `  -H "x-api-key: $LLMGUARD_API_KEY" \\`,
    `  -H "content-type: application/json" \\`,
    `  -d '{"model": "gpt-4o-mini", "prompt": "Hello", "response": "Hi! How can I help?",`,
    `       "latencyMs": 420, "promptTokens": 8, "completionTokens": 9, "status": "success"}'`,
  ].join("\n");
  return (
    <div className="mx-auto mt-4 max-w-2xl text-left">
      <p className="text-sm text-slate-600">
        Send one from your app with the SDK, or try it with curl and an{" "}
        <Link href={`/projects/${projectId}#api-keys`} className="font-medium link">
          API key of this project
        </Link>{" "}
        (see the{" "}
        <Link href="/docs/api" className="font-medium link">
          API reference
        </Link>
        ):
      </p>
      <ScrollRegion as="pre" label="Example request" className="mt-2 overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
        <code>{command}</code>
      </ScrollRegion>
      <div className="mt-2 flex justify-end">
        <CopyButton value={command} label="Copy command" />
      </div>
    </div>
  );
}
