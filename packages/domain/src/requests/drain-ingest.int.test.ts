import { afterAll, beforeAll, expect, it } from "vitest";
import { authenticateApiKey } from "../api-keys/api-key.service";
import { registerUser } from "../auth/auth.service";
import { createProject } from "../projects/project.service";
import type { DomainEvent, EventSink } from "../shared/events";
import { createTestApp, TEST_PASSWORD, uniqueEmail } from "../testing";
import { ingestRequest } from "./ingest.service";

/**
 * Shutdown (apps/web/src/server/app.ts) drains ingest, then closes the job runner: the detection events
 * of the last committed records must be handed over by the drain, not 250 ms later when the runner is gone.
 */
const events: DomainEvent[] = [];
const sink: EventSink = { emit: (event) => void events.push(event) };
let app: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  app = await createTestApp({}, { events: sink });
});
afterAll(async () => app?.close());

it("drainIngest commits the queued records and hands their detection events over at once", async () => {
  const owner = await registerUser({ app, input: { email: uniqueEmail("drain"), password: TEST_PASSWORD } });
  const created = await createProject({ app, userId: owner.id, input: { name: "drain" } });
  const principal = await authenticateApiKey({ app, key: created.apiKey.key });
  const stored = await ingestRequest({ app, principal, record: { prompt: "hello", response: "hi", model: "gpt-4o", latencyMs: 12, status: "success" } as never });
  // Committed and answered; its event waits in the 250 ms window.
  expect(events.filter((e) => e.name === "requests/requests.ingested")).toHaveLength(0);
  await app.drainIngest();
  const handed = events.filter((e) => e.name === "requests/requests.ingested");
  expect(handed).toHaveLength(1);
  expect(JSON.stringify(handed[0])).toContain(stored.id);
});
