// One thread of the raw-socket load generator (raw-load.ts): `connections` keep-alive HTTP/1.1
// connections, each sending one pre-serialized request and the next as soon as the answer is complete
// (closed loop). Responses are framed by Content-Length or chunked encoding and every one is checked: its
// status code, and for a success its body length against the reference answer.
import net from "node:net";
import { parentPort, workerData } from "node:worker_threads";

export interface RawWorkerData {
  host: string;
  port: number;
  connections: number;
  /** The whole request (request line, headers, blank line), sent as is. */
  request: Uint8Array;
  expectStatus: number;
  /** Body bytes every `expectStatus` answer must have (null: not checked). */
  expectBodyBytes: number | null;
}

export type RawToWorker = { type: "run"; durationMs: number; maxRequests: number } | { type: "close" };

export type RawFromWorker =
  | { type: "ready" }
  | { type: "fatal"; message: string }
  | {
      type: "done";
      requests: number;
      errors: number;
      errorSamples: string[];
      /** Epoch ms (performance.timeOrigin + now) of the phase start and of the last completed answer. */
      startedAt: number;
      lastDoneAt: number;
      latencies: Float64Array;
    };

const CRLF = Buffer.from("\r\n");
const HEAD_END = Buffer.from("\r\n\r\n");
const MAX_HEAD_BYTES = 64 * 1024;

interface Parsed {
  status: number;
  bodyBytes: number;
  consumed: number;
  bodyStart: number;
}

/** One complete response at the start of `b`, null when more bytes are needed; throws on a framing error. */
export function parseResponse(b: Buffer): Parsed | null {
  const he = b.indexOf(HEAD_END);
  if (he < 0) {
    if (b.length > MAX_HEAD_BYTES) throw new Error("response head larger than 64 KB");
    return null;
  }
  // "HTTP/1.1 200 OK"
  if (b[0] !== 0x48 || b[4] !== 0x2f || b[8] !== 0x20) throw new Error(`not an HTTP/1.x status line: ${b.toString("latin1", 0, Math.min(he, 40))}`);
  const status = (b[9]! - 48) * 100 + (b[10]! - 48) * 10 + (b[11]! - 48);
  const bodyStart = he + 4;
  if (status === 204 || status === 304 || (status >= 100 && status < 200)) return { status, bodyBytes: 0, consumed: bodyStart, bodyStart };
  const head = b.toString("latin1", 0, he).toLowerCase();
  const cl = head.indexOf("\r\ncontent-length:");
  if (cl >= 0) {
    const end = head.indexOf("\r\n", cl + 2);
    const len = Number.parseInt(head.slice(cl + 17, end < 0 ? undefined : end), 10);
    if (!Number.isFinite(len) || len < 0) throw new Error("bad content-length");
    if (b.length < bodyStart + len) return null;
    return { status, bodyBytes: len, consumed: bodyStart + len, bodyStart };
  }
  if (head.includes("\r\ntransfer-encoding: chunked")) {
    let pos = bodyStart;
    let body = 0;
    for (;;) {
      const lineEnd = b.indexOf(CRLF, pos);
      if (lineEnd < 0) return null;
      const size = Number.parseInt(b.toString("latin1", pos, lineEnd), 16);
      if (!Number.isFinite(size) || size < 0) throw new Error("bad chunk size");
      pos = lineEnd + 2;
      if (size === 0) {
        // No trailers on these answers: the terminating blank line follows.
        if (b.length < pos + 2) return null;
        return { status, bodyBytes: body, consumed: pos + 2, bodyStart };
      }
      if (b.length < pos + size + 2) return null;
      body += size;
      pos += size + 2;
    }
  }
  throw new Error("response without Content-Length or chunked encoding");
}

function main(): void {
  const port = parentPort!;
  const data = workerData as RawWorkerData;
  const request = Buffer.from(data.request);
  const now = () => performance.now();
  const epoch = (t: number) => performance.timeOrigin + t;

  let running = false;
  let deadline = 0;
  let maxRequests = 0;
  let n = 0;
  let errors = 0;
  let errorSamples: string[] = [];
  let latencies = new Float64Array(1 << 16);
  let startedAt = 0;
  let lastDone = 0;
  let busy = 0;
  let reported = true;
  let closing = false;

  interface Conn {
    socket: net.Socket;
    buf: Buffer | null;
    t0: number;
    inFlight: boolean;
  }

  const record = (ms: number) => {
    if (n === latencies.length) {
      const next = new Float64Array(latencies.length * 2);
      next.set(latencies);
      latencies = next;
    }
    latencies[n++] = ms;
  };
  const fail = (text: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(text.slice(0, 300));
  };

  const finishIfIdle = () => {
    if (running || busy > 0 || reported) return;
    reported = true;
    const out = latencies.slice(0, n);
    port.postMessage({ type: "done", requests: n, errors, errorSamples, startedAt: epoch(startedAt), lastDoneAt: epoch(lastDone), latencies: out } satisfies RawFromWorker, [out.buffer]);
  };

  const send = (c: Conn) => {
    if (!running || n + busy >= maxRequests) return false;
    c.inFlight = true;
    busy++;
    c.t0 = now();
    c.socket.write(request);
    return true;
  };

  const settle = (c: Conn, t1: number) => {
    c.inFlight = false;
    busy--;
    lastDone = Math.max(lastDone, t1);
    if (running && t1 >= deadline) running = false;
    if (!send(c)) finishIfIdle();
  };

  const conns: Conn[] = [];
  const connect = (c?: Conn): Promise<Conn> =>
    new Promise((resolve, reject) => {
      const socket = net.connect({ host: data.host, port: data.port, noDelay: true });
      const conn: Conn = c ?? { socket, buf: null, t0: 0, inFlight: false };
      conn.socket = socket;
      conn.buf = null;
      let connected = false;
      socket.once("connect", () => {
        connected = true;
        resolve(conn);
      });
      socket.on("error", (err) => {
        // 'close' follows and accounts for a request in flight.
        if (!connected) reject(err);
      });
      socket.on("data", (chunk: Buffer) => {
        let b = conn.buf ? Buffer.concat([conn.buf, chunk]) : chunk;
        for (;;) {
          let p: Parsed | null;
          try {
            p = parseResponse(b);
          } catch (err) {
            const t1 = now();
            record(t1 - conn.t0);
            fail(`framing: ${(err as Error).message}`);
            conn.buf = null;
            socket.destroy();
            return;
          }
          if (!p) {
            conn.buf = b;
            return;
          }
          const t1 = now();
          if (!conn.inFlight) {
            fail(`an answer without a request (${p.status})`);
          } else {
            record(t1 - conn.t0);
            if (p.status !== data.expectStatus) fail(`${p.status}: ${b.toString("utf8", p.bodyStart, Math.min(p.consumed, p.bodyStart + 300))}`);
            else if (data.expectBodyBytes !== null && p.bodyBytes !== data.expectBodyBytes) fail(`${p.status} with ${p.bodyBytes} body bytes, expected ${data.expectBodyBytes}`);
          }
          b = b.subarray(p.consumed);
          if (b.length === 0) {
            conn.buf = null;
            if (conn.inFlight) settle(conn, t1);
            return;
          }
          // Bytes beyond one answer: never expected with one request in flight; parse them as the next.
          if (conn.inFlight) settle(conn, t1);
        }
      });
      socket.on("close", () => {
        if (conn.socket !== socket || !connected) return;
        if (conn.inFlight) {
          const t1 = now();
          record(t1 - conn.t0);
          fail("connection closed before the answer was complete");
          conn.inFlight = false;
          busy--;
          lastDone = Math.max(lastDone, t1);
        }
        if (closing) return;
        // Reconnect (counted as the error above if a request was lost) and carry on.
        connect(conn).then(
          () => {
            if (!send(conn)) finishIfIdle();
          },
          (err: unknown) => {
            fail(`reconnect failed: ${String(err)}`);
            finishIfIdle();
          },
        );
      });
    });

  port.on("message", (msg: RawToWorker) => {
    if (msg.type === "close") {
      closing = true;
      for (const c of conns) c.socket.destroy();
      port.close();
      return;
    }
    n = 0;
    errors = 0;
    errorSamples = [];
    reported = false;
    running = true;
    maxRequests = msg.maxRequests;
    startedAt = now();
    lastDone = startedAt;
    deadline = startedAt + msg.durationMs;
    for (const c of conns) send(c);
    finishIfIdle();
  });

  Promise.all(Array.from({ length: data.connections }, () => connect())).then(
    (list) => {
      conns.push(...list);
      port.postMessage({ type: "ready" } satisfies RawFromWorker);
    },
    (err: unknown) => port.postMessage({ type: "fatal", message: `could not connect to ${data.host}:${data.port}: ${String(err)}` } satisfies RawFromWorker),
  );
}

if (parentPort) main();
