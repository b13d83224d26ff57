import type { App } from "@llmguard/domain";
import { eventType, staticSchema } from "inngest";

/**
 * The domain's events (packages/domain/src/shared/events.ts), named `<area>/<noun>.<verb>` (STYLE.md §2).
 * Read through `App["events"]` because @llmguard/domain's index does not export shared/events.ts (yet):
 * these are the same types, never a second declaration of them.
 */
export type EventSink = App["events"];
export type DomainEvent = Parameters<EventSink["emit"]>[0];
export type DomainEventName = DomainEvent["name"];
export type EventData<N extends DomainEventName> = Extract<DomainEvent, { name: N }>["data"];
export type IngestedRow = EventData<"requests/requests.ingested">["rows"][number];

/**
 * Inngest triggers typed by the domain's events. `staticSchema`: types only, no second schema to drift;
 * the events come from our own services, which build them from validated data.
 */
export const requestsIngested = eventType("requests/requests.ingested", { schema: staticSchema<EventData<"requests/requests.ingested">>() });
export const incidentOpened = eventType("incident/incident.opened", { schema: staticSchema<EventData<"incident/incident.opened">>() });
export const rcaRequested = eventType("incident/rca.requested", { schema: staticSchema<EventData<"incident/rca.requested">>() });
export const stripeEventReceived = eventType("billing/stripe-event.received", { schema: staticSchema<EventData<"billing/stripe-event.received">>() });

/** The trigger of each domain event, by name (a job names its event; the Inngest adapter looks it up here). */
export const EVENT_TYPES = {
  "requests/requests.ingested": requestsIngested,
  "incident/incident.opened": incidentOpened,
  "incident/rca.requested": rcaRequested,
  "billing/stripe-event.received": stripeEventReceived,
} as const satisfies { [N in DomainEventName]: { name: N } };
