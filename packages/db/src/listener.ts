import pg from "pg";

/**
 * A dedicated PostgreSQL connection LISTENing on one channel (LISTEN cannot go through a pool). It
 * reconnects with backoff after a drop and calls `onReconnect`, because notifications sent while it was
 * away are lost and the caller must assume anything may have changed.
 */
export interface PgListener {
  close(): Promise<void>;
}

export function listenPg(opts: {
  url: string;
  channel: string;
  onMessage: (payload: string) => void;
  onReconnect?: () => void;
  onError?: (err: unknown) => void;
}): PgListener {
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: opts.url });
    client = c;
    c.on("notification", (n) => {
      if (n.channel === opts.channel && n.payload !== undefined) opts.onMessage(n.payload);
    });
    c.on("error", (err) => opts.onError?.(err));
    c.on("end", () => {
      if (closed) return;
      timer = setTimeout(() => void connect(), Math.min(5_000, 100 * 2 ** attempt++));
      timer.unref();
    });
    try {
      await c.connect();
      await c.query(`LISTEN "${opts.channel.replace(/"/g, "")}"`);
      if (attempt > 0) opts.onReconnect?.();
      attempt = 0;
    } catch (err) {
      opts.onError?.(err);
      await c.end().catch(() => undefined);
    }
  };
  void connect();

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
