/**
 * Process-exit integration shared by every LLMGuard instance, so N clients add one listener per event
 * (no MaxListenersExceededWarning) and the listeners disappear when the last client shuts down.
 *
 * - `beforeExit` (the event loop ran dry): flush. The flush's own I/O keeps the process alive until the
 *   records are delivered or dropped, then the loop empties again and Node exits normally.
 * - SIGTERM / SIGINT: flush (bounded by each client's `shutdownTimeoutMs`). Adding a listener cancels Node's
 *   default "exit on signal", so if nobody else listens we restore it afterwards by removing our listener
 *   and re-sending the signal to ourselves; if the application has its own listener, shutting down is its call.
 *   A second signal while we flush restores the default at once.
 */

export interface ExitParticipant {
  /** Records queued or in flight. */
  readonly pending: number;
  flush(options?: { timeoutMs?: number }): Promise<boolean>;
  readonly exitTimeoutMs: number;
}

const SIGNALS = ["SIGTERM", "SIGINT"] as const;
type Signal = (typeof SIGNALS)[number];

const participants = new Set<ExitParticipant>();
let installed = false;
const flushingFor = new Set<Signal>();

function hasProcess(): boolean {
  return typeof process !== "undefined" && typeof process.on === "function" && typeof process.removeListener === "function";
}

function onBeforeExit(): void {
  for (const p of participants) if (p.pending > 0) void p.flush();
}

const signalHandlers: Record<Signal, () => void> = {
  SIGTERM: () => void handleSignal("SIGTERM"),
  SIGINT: () => void handleSignal("SIGINT"),
};

async function handleSignal(signal: Signal): Promise<void> {
  if (flushingFor.has(signal)) {
    reRaise(signal);
    return;
  }
  flushingFor.add(signal);
  try {
    await Promise.allSettled([...participants].map((p) => p.flush({ timeoutMs: p.exitTimeoutMs })));
  } finally {
    flushingFor.delete(signal);
  }
  reRaise(signal);
}

/** Restores the default behaviour of `signal` (terminate) only when no one else handles it. */
function reRaise(signal: Signal): void {
  const others = process.listeners(signal).filter((l) => l !== signalHandlers[signal]);
  if (others.length > 0) return;
  process.removeListener(signal, signalHandlers[signal]);
  process.kill(process.pid, signal);
}

function install(): void {
  if (installed || !hasProcess()) return;
  installed = true;
  process.on("beforeExit", onBeforeExit);
  for (const s of SIGNALS) process.on(s, signalHandlers[s]);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.removeListener("beforeExit", onBeforeExit);
  for (const s of SIGNALS) process.removeListener(s, signalHandlers[s]);
}

export function registerForExit(participant: ExitParticipant): void {
  participants.add(participant);
  install();
}

export function unregisterForExit(participant: ExitParticipant): void {
  participants.delete(participant);
  if (participants.size === 0) uninstall();
}
