/**
 * A minimal Server-Sent Events client for tests: opens the stream with fetch, parses events as they
 * arrive, and lets a test wait for the next one. Deliberately independent of the SDK's parser, so the
 * server's framing is checked by a second implementation.
 */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

export async function openSse(url: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let ended = false;
  const wake = () => waiters.splice(0).forEach((w) => w());
  if (res.ok && res.body) {
    void (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buf += value;
          let cut: number;
          while ((cut = buf.indexOf("\n\n")) >= 0) {
            const block = buf.slice(0, cut);
            buf = buf.slice(cut + 2);
            const ev: SseEvent = { event: "message", data: "" };
            const data: string[] = [];
            let isEvent = false;
            for (const line of block.split("\n")) {
              if (line.startsWith(":") || line === "") continue;
              const i = line.indexOf(":");
              const field = i < 0 ? line : line.slice(0, i);
              const v = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
              if (field === "data") {
                data.push(v);
                isEvent = true;
              } else if (field === "event") ev.event = v;
              else if (field === "id") ev.id = v;
            }
            if (isEvent) {
              ev.data = data.join("\n");
              events.push(ev);
              wake();
            }
          }
        }
      } catch {
        // aborted
      } finally {
        ended = true;
        wake();
      }
    })();
  }
  return {
    status: res.status,
    headers: res.headers,
    events,
    get ended() {
      return ended;
    },
    /** Resolves with the n-th event (1-based), or rejects after `ms`. */
    async nth(n: number, ms = 3000): Promise<SseEvent> {
      const until = Date.now() + ms;
      while (events.length < n) {
        if (ended) throw new Error(`stream ended after ${events.length} events`);
        const left = until - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for event ${n} (have ${events.length})`);
        await new Promise<void>((r) => {
          const t = setTimeout(r, left);
          waiters.push(() => (clearTimeout(t), r()));
        });
      }
      return events[n - 1]!;
    },
    async waitEnded(ms = 3000) {
      const until = Date.now() + ms;
      while (!ended && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      return ended;
    },
    close: () => abort.abort(),
    /** The body of a non-2xx answer (the error envelope). */
    async errorBody() {
      return res.ok ? null : ((await res.json()) as { error: { code: string } });
    },
  };
}
