// The REST error envelope (ARCHITECTURE decision 10) for the answers the plain-Node server layer writes
// itself, before or outside the route table: a malformed path, Next failing, /metrics. The route table's
// answers come from packages/api/src/rest/http.ts (errorReply), which this matches field for field.

/** Writes `{ error: { code, message, details: null, timestamp } }` with `status` and any extra headers. */
export function sendErrorEnvelope(res, status, code, message, headers = {}) {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.end(JSON.stringify({ error: { code, message, details: null, timestamp: new Date().toISOString() } }));
}
