/**
 * What the domain announces for background work (ARCHITECTURE decision 4). Services emit; they never
 * wait for, or know about, the job engine: packages/jobs turns each event into Inngest functions (or runs
 * them in-process on the embedded default), whose handlers call domain services again.
 */
export interface IngestedRow {
  id: string;
  timestamp: string;
  model: string;
  latencyMs: number;
  status: "success" | "error" | "timeout" | "blocked";
  riskScore: number;
  endUserId: string | null;
  endpoint: string | null;
  costUsd: number | null;
}

export type DomainEvent =
  /** Rows just committed by the group commit, per project (batched: at most a few events a second). */
  | { name: "requests/requests.ingested"; data: { projectId: string; rows: IngestedRow[] } }
  /** A new incident: analyse it and notify the team. */
  | { name: "incident/incident.opened"; data: { incidentId: string; projectId: string } }
  /** Someone asked for the analysis again. */
  | { name: "incident/rca.requested"; data: { incidentId: string; projectId: string; actorId: string } }
  /** A Stripe webhook event was stored (once by its id): process it. `customerId` serializes one customer's events ("" = none). */
  | { name: "billing/stripe-event.received"; data: { eventId: string; customerId: string } };

export type DomainEventName = DomainEvent["name"];

export interface EventSink {
  /** Hands the event to the job engine; never throws and never waits for the work. */
  emit(event: DomainEvent): void;
}

/** The sink of an App built without a job engine (tests of services, scripts): events are dropped. */
export const discardEvents: EventSink = { emit: () => undefined };

/** A sink that keeps what was emitted (tests). */
export function collectEvents(): EventSink & { events: DomainEvent[] } {
  const events: DomainEvent[] = [];
  return { events, emit: (e) => void events.push(e) };
}
