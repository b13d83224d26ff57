import type { SseTap } from "./sse-tap";
import type { UpstreamResponse } from "./upstream-client";

/** How a passed-through stream ended: normally, by the client leaving, or by the provider breaking off. */
export type StreamEnding = "end" | "client_closed" | "upstream_failed";

export function endingMessage(ending: StreamEnding): { errorMessage?: string } {
  if (ending === "client_closed") return { errorMessage: "The client closed the connection mid-stream; the partial answer is logged" };
  if (ending === "upstream_failed") return { errorMessage: "The provider's stream broke off before it ended" };
  return {};
}

/**
 * The provider's stream as a web stream, pulled chunk by chunk (highWaterMark 0: nothing is read ahead of
 * the client). `onEnd` runs exactly once: at the stream's end, when the client cancels it or goes away
 * (the upstream request is then destroyed), or when the provider breaks off.
 */
export function passThrough(response: UpstreamResponse, tap: SseTap, signal: AbortSignal | undefined, onEnd: (ending: StreamEnding) => void): ReadableStream<Uint8Array> {
  const source = response.body;
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let ended = false;
  const end = (ending: StreamEnding) => {
    if (ended) return;
    ended = true;
    signal?.removeEventListener("abort", onAbort);
    onEnd(ending);
  };
  const onAbort = () => {
    end("client_closed");
    source.destroy();
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) onAbort();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const { value, done } = await chunks.next();
            if (done) {
              const rest = tap.flush();
              if (rest.length > 0) controller.enqueue(rest);
              end("end");
              controller.close();
              return;
            }
            const out = tap.push(value);
            if (out.length > 0) return controller.enqueue(out);
          }
        } catch (err) {
          end(ended ? "client_closed" : "upstream_failed");
          controller.error(err);
        }
      },
      cancel() {
        end("client_closed");
        source.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}
