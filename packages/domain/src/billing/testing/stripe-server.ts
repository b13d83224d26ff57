import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A local HTTP server that speaks Stripe's REST protocol (v1, form-encoded requests, JSON answers, Stripe's
 * error envelope, idempotency keys) well enough that the official `stripe` SDK runs its own request code
 * against it (ARCHITECTURE decision 3). It is the test double for the billing module (issue 11): customers,
 * Checkout Sessions in subscription mode with a hosted pay page, billing portal sessions with a hosted page,
 * subscriptions (price changes with prorations, cancel at period end, cancel now), invoices, Billing Meter
 * events, and signed webhook events delivered to `webhookUrl`.
 *
 * Objects follow the API version the SDK pins (`Stripe.API_VERSION`; the builders below are typed with the
 * SDK's own types, so a shape the SDK does not know fails the type check): billing periods live on
 * subscription items (`items.data[].current_period_start/end`), and an invoice names its subscription in
 * `parent.subscription_details.subscription` (there is no `invoice.subscription`).
 *
 * Besides /v1 it serves the hosted pages (Checkout /c/pay/:id, portal /p/session/:id, invoice /i/:id and its
 * PDF) and, for a double in another process, test controls under /_double/ (see handleControl).
 *
 * Events caused by an API request are delivered after its response, as Stripe does; `flush()` waits for them.
 * The helpers (completeCheckout, failNextPayment, advancePeriod, payLatestInvoice) and the hosted pages'
 * buttons resolve or redirect only after their own events were delivered.
 *
 * Simulated time: `failNextPayment` and `advancePeriod` act at the end of the current period, so objects they
 * create carry that boundary as their time even when it lies in the future; meter events count towards the
 * first period that closes after they were recorded.
 */

// ---------------------------------------------------------------------------------------------------------
// Public types

export interface PriceSpec {
  /** Cents per unit (per month for licensed prices, per reported unit for metered ones). */
  unitAmount: number;
  usageType: "licensed" | "metered";
  /** Metered prices: only meter events with this `event_name` count (default: every event of the customer). */
  eventName?: string;
}

export interface StripeDoubleOptions {
  /** The `whsec_…` secret webhooks are signed with. */
  webhookSecret?: string;
  /** Where events are POSTed, signed, in order (null: events are only recorded). Settable later. */
  webhookUrl?: string | null;
  /** Port to listen on (127.0.0.1); 0 or unset = any free port. */
  port?: number;
  /** The origin browsers reach the double at, for the hosted pages' URLs (default: the server URL). */
  publicUrl?: string;
  /**
   * Prices by id. Unlisted ids are accepted too: an id containing "metered" is a metered price, others
   * licensed; an id containing "pro" costs 4900 cents, others 0.
   */
  prices?: Record<string, PriceSpec>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Parsed query string (GET, DELETE). */
  query: FormObject;
  /** Parsed form body (POST). */
  body: FormObject;
  idempotencyKey: string | null;
  /** The status answered (0 while the request is being handled). */
  status: number;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  url: string;
  /** The receiver's status; null when the request failed (error says why). */
  status: number | null;
  body: string;
  error?: string;
}

export interface StripeDoubleState {
  customers: Map<string, Stripe.Customer>;
  checkoutSessions: Map<string, Stripe.Checkout.Session>;
  subscriptions: Map<string, Stripe.Subscription>;
  invoices: Map<string, Stripe.Invoice>;
  /** Pending and invoiced invoice items (prorations). */
  invoiceItems: Map<string, Stripe.InvoiceItem>;
  portalSessions: Map<string, Stripe.BillingPortal.Session>;
  meterEvents: Stripe.Billing.MeterEvent[];
  /** Every /v1 request, in order. */
  requests: RecordedRequest[];
  /** Every automatic webhook delivery attempt, in order. */
  deliveries: WebhookDelivery[];
}

export interface SignOptions {
  /** Unix seconds for the signature (default: now). */
  timestamp?: number;
  /** Sign with this secret instead of the double's. */
  secret?: string;
}

export interface DeliverOptions extends SignOptions {
  /** POST here instead of `webhookUrl`. */
  url?: string;
}

/** What completeCheckout made, as JSON copies at that moment (Decimal fields are strings there, as in webhook payloads). */
export interface CompletedCheckout {
  subscription: Stripe.Subscription;
  invoice: Stripe.Invoice;
  events: Stripe.Event[];
}

export interface StripeDouble {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The origin used in hosted-page URLs. */
  publicUrl: string;
  /** For `new Stripe(key, { ...clientOptions })`. */
  clientOptions: { host: string; port: number; protocol: "http" };
  webhookSecret: string;
  /** Where events are delivered; null = not delivered. */
  webhookUrl: string | null;
  /** An SDK client pointed at the double (maxNetworkRetries 0). */
  client(apiKey?: string): Stripe;
  /** The double's records, live (mutating them changes what the API answers). */
  state: StripeDoubleState;
  /** Every event emitted, in order. */
  events: Stripe.Event[];
  /** The customer pays an open Checkout Session: subscription, paid invoice, events (delivered before this resolves). */
  completeCheckout(sessionId: string, details?: { email?: string; name?: string }): Promise<CompletedCheckout>;
  /** The renewal at the end of the current period fails: new period, open invoice, status past_due. */
  failNextPayment(subscriptionId: string): Promise<Stripe.Event[]>;
  /** The current period ends: a renewal with a paid invoice (or, with cancel_at_period_end, the end of the subscription). */
  advancePeriod(subscriptionId: string): Promise<Stripe.Event[]>;
  /** A retry of the subscription's open latest invoice succeeds: invoice paid, status active again. */
  payLatestInvoice(subscriptionId: string): Promise<Stripe.Event[]>;
  /** The payload Stripe would POST for `event` and its Stripe-Signature header. */
  signed(event: Stripe.Event, opts?: SignOptions): { payload: string; header: string };
  /** POSTs `event`, signed, to `webhookUrl` (or opts.url) and returns the receiver's answer. */
  deliver(event: Stripe.Event, opts?: DeliverOptions): Promise<{ status: number; body: string }>;
  /** Resolves when every queued automatic delivery has been attempted. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// Form encoding (Stripe's bracket notation: a[b][0][c]=v)

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param?: string,
    readonly code?: string,
    readonly type: string = "invalid_request_error",
  ) {
    super(message);
  }
}

function decodeComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    throw new ApiError(400, `Invalid URL encoding: ${s}`);
  }
}

/**
 * Parses an application/x-www-form-urlencoded body (or query string) in Stripe's bracket notation into nested
 * objects; an object whose keys are all indexes (`a[0]`, `a[1]`, or `a[]`) becomes an array. Values stay strings.
 */
export function parseStripeForm(raw: string): FormObject {
  const root: FormObject = {};
  for (const part of raw.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const key = decodeComponent(eq === -1 ? part : part.slice(0, eq));
    const value = decodeComponent(eq === -1 ? "" : part.slice(eq + 1));
    const head = /^[^[]+/.exec(key)?.[0] ?? key;
    const segments = [head, ...[...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? "")];
    let node: FormObject = root;
    segments.forEach((segment, i) => {
      const name = segment === "" ? String(Object.keys(node).length) : segment;
      if (i === segments.length - 1) {
        node[name] = value;
        return;
      }
      const next = node[name];
      if (next === undefined || typeof next === "string" || Array.isArray(next)) node[name] = {};
      node = node[name] as FormObject;
    });
  }
  return arraysFromIndexes(root) as FormObject;
}

function arraysFromIndexes(value: FormValue): FormValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const k of keys) converted[k] = arraysFromIndexes(value[k] as FormValue);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => converted[k] as FormValue);
  }
  return converted;
}

// ---------------------------------------------------------------------------------------------------------
// Parameter helpers (Stripe's messages and error codes)

const missing = (param: string) => new ApiError(400, `Missing required param: ${param}.`, param, "parameter_missing");

function checkKnown(params: FormObject, known: readonly string[], prefix = ""): void {
  for (const key of Object.keys(params)) {
    if (key === "expand" && prefix === "") continue;
    if (!known.includes(key)) {
      const param = prefix ? `${prefix}[${key}]` : key;
      throw new ApiError(400, `Received unknown parameter: ${param}`, param, "parameter_unknown");
    }
  }
}

function optString(params: FormObject, key: string, path = key): string | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new ApiError(400, `Invalid string: ${JSON.stringify(value)}`, path, "parameter_invalid_string");
  return value;
}

function reqString(params: FormObject, key: string, path = key): string {
  const value = optString(params, key, path);
  if (value === undefined || value === "") throw missing(path);
  return value;
}

function optInt(params: FormObject, key: string, path = key): number | undefined {
  const value = optString(params, key, path);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new ApiError(400, `Invalid integer: ${value}`, path, "parameter_invalid_integer");
  return Number(value);
}

function optBool(params: FormObject, key: string, path = key): boolean | undefined {
  const value = optString(params, key, path);
  if (value === undefined) return undefined;
  if (value !== "true" && value !== "false") throw new ApiError(400, `Invalid boolean: ${value}`, path);
  return value === "true";
}

function optEnum<T extends string>(params: FormObject, key: string, allowed: readonly T[], path = key): T | undefined {
  const value = optString(params, key, path);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ApiError(400, `Invalid ${path}: must be one of ${allowed.join(", ")}`, path, "parameter_invalid_empty");
  }
  return value as T;
}

function optObject(params: FormObject, key: string, path = key): FormObject | undefined {
  const value = params[key];
  if (value === undefined || value === "") return undefined;
  if (typeof value === "string" || Array.isArray(value)) throw new ApiError(400, `Invalid object`, path, "parameter_invalid_empty");
  return value;
}

function optArray(params: FormObject, key: string, path = key): FormObject[] | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new ApiError(400, `Invalid array`, path, "parameter_invalid_empty");
  return value.map((entry, i) => {
    if (typeof entry === "string" || Array.isArray(entry)) throw new ApiError(400, `Invalid object`, `${path}[${i}]`, "parameter_invalid_empty");
    return entry;
  });
}

function expandList(params: FormObject): string[] {
  const value = params.expand;
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw new ApiError(400, "Invalid array", "expand");
  return value as string[];
}

/**
 * Stripe's metadata update rules: `metadata=` clears it, `metadata[key]=` removes one key, other keys are
 * set; at most 50 keys, keys up to 40 characters, values up to 500.
 */
function applyMetadata(current: Stripe.Metadata, params: FormObject, key = "metadata"): Stripe.Metadata {
  const raw = params[key];
  if (raw === undefined) return current;
  if (raw === "") return {};
  if (typeof raw === "string" || Array.isArray(raw)) throw new ApiError(400, "Invalid object", key);
  const next: Stripe.Metadata = { ...current };
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== "string") throw new ApiError(400, `Invalid string: ${JSON.stringify(v)}`, `${key}[${k}]`);
    if (k.length > 40) throw new ApiError(400, `Metadata keys can have up to 40 characters.`, `${key}[${k}]`);
    if (v.length > 500) throw new ApiError(400, `Metadata values can have up to 500 characters.`, `${key}[${k}]`);
    if (v === "") delete next[k];
    else next[k] = v;
  }
  if (Object.keys(next).length > 50) throw new ApiError(400, "Metadata can have up to 50 keys.", key);
  return next;
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const b of bytes) out += BASE62[b % 62];
  return out;
}

/** An id in Stripe's style: `cus_` + 14 characters, `sub_1` + 23, `cs_test_a1` + 58, … */
function newId(prefix: string, length = 24): string {
  return `${prefix}_${randomToken(length)}`;
}

/** An id like the ones Stripe gives most objects: `sub_1` + 23 characters. */
function objectId(prefix: string): string {
  return `${prefix}_1${randomToken(23)}`;
}

/** A stable id derived from another one (the product behind a price id). */
function derivedId(prefix: string, source: string): string {
  const digest = createHash("sha256").update(source).digest();
  let out = "";
  for (const b of digest.subarray(0, 14)) out += BASE62[b % 62];
  return `${prefix}_${out}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** `anchor` plus `months` calendar months (UTC), keeping the day of month or the month's last day. */
function addMonths(anchor: number, months: number): number {
  const d = new Date(anchor * 1000);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / 1000);
}

/** A deep copy of plain objects and arrays that keeps class instances (the SDK's immutable Decimals) as they are. */
function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => deepCopy(v)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopy(v)])) as T;
  }
  return value;
}

/** A deep copy as JSON would carry it (what a response or a webhook shows at this moment). */
function snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function money(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  return `${sign}$${(Math.abs(cents) / 100).toFixed(2)}`;
}

function day(ts: number): string {
  return new Date(ts * 1000).toISOString().slice(0, 10);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** "price_pro_monthly" → "Pro Monthly": the product name the hosted pages and invoice lines show. */
function productName(priceId: string): string {
  const words = priceId.replace(/^price_/, "").split(/[_-]+/).filter(Boolean);
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ") || priceId;
}

function decimal(n: number): Stripe.Decimal {
  return Stripe.Decimal.from(String(n));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A one-page PDF with a few lines of text (the invoice_pdf download). */
function tinyPdf(lines: string[]): Buffer {
  const text = lines.map((l, i) => `BT /F1 12 Tf 56 ${760 - i * 18} Td (${l.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf);
}

// ---------------------------------------------------------------------------------------------------------
// The double

const DEFAULT_WEBHOOK_SECRET = "whsec_stripe_double_test_secret";
const DEFAULT_API_KEY = "sk_test_stripe_double";

/** A line of an invoice before it exists. */
interface LineDraft {
  description: string;
  amount: number;
  quantity: number;
  unitAmount: number;
  price: Stripe.Price;
  period: { start: number; end: number };
  subscriptionItem: string | null;
  invoiceItem: string | null;
  proration: boolean;
}

/** What started an event: an API request (its id and idempotency key), or nothing (Stripe acting on its own). */
interface Origin {
  requestId: string | null;
  idempotencyKey: string | null;
}

const AUTOMATIC: Origin = { requestId: null, idempotencyKey: null };

interface ApiContext {
  params: FormObject;
  match: RegExpExecArray;
  origin: Origin;
  /** Events this request emitted: delivered after the response, as Stripe does. */
  events: Stripe.Event[];
}

interface Route {
  method: "GET" | "POST" | "DELETE";
  pattern: RegExp;
  handle: (ctx: ApiContext) => unknown;
}

export async function startStripeDouble(opts: StripeDoubleOptions = {}): Promise<StripeDouble> {
  const webhookSecret = opts.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
  const priceTable = opts.prices ?? {};
  const startedAt = nowSeconds();
  const state: StripeDoubleState = {
    customers: new Map(),
    checkoutSessions: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    invoiceItems: new Map(),
    portalSessions: new Map(),
    meterEvents: [],
    requests: [],
    deliveries: [],
  };
  const events: Stripe.Event[] = [];
  /** Line items of each Checkout Session (Stripe returns them only when expanded or listed). */
  const sessionLines = new Map<string, Stripe.LineItem[]>();
  /** subscription_data of each Checkout Session. */
  const sessionSubscriptionData = new Map<string, { metadata: Stripe.Metadata; trialDays: number | null; description: string | null }>();
  /** Per subscription: the anchor its monthly periods count from, and the index of the current period (-1 = trial). */
  const cycles = new Map<string, { anchor: number; index: number }>();
  /** Meter event identifiers already on an invoice. */
  const billedMeterEvents = new Set<string>();
  /** Answers per Idempotency-Key. */
  const idempotent = new Map<string, { fingerprint: string; status: number; body: string; requestId: string }>();
  /** Settable through `double.webhookUrl` (an accessor) and the control route. */
  let webhookUrl: string | null = opts.webhookUrl ?? null;
  /** Known once the server listens. */
  let publicUrl = "";

  // ----- prices ------------------------------------------------------------------------------------------

  function priceSpec(id: string): PriceSpec {
    return priceTable[id] ?? { unitAmount: id.includes("pro") ? 4900 : 0, usageType: id.includes("metered") ? "metered" : "licensed" };
  }

  function priceObject(id: string): Stripe.Price {
    const spec = priceSpec(id);
    return {
      id,
      object: "price",
      active: true,
      billing_scheme: "per_unit",
      created: startedAt,
      currency: "usd",
      custom_unit_amount: null,
      livemode: false,
      lookup_key: null,
      metadata: {},
      nickname: null,
      product: derivedId("prod", id),
      recurring: {
        interval: "month",
        interval_count: 1,
        meter: spec.usageType === "metered" ? derivedId("mtr", id) : null,
        trial_period_days: null,
        usage_type: spec.usageType,
      },
      tax_behavior: "unspecified",
      tiers_mode: null,
      transform_quantity: null,
      type: "recurring",
      unit_amount: spec.unitAmount,
      unit_amount_decimal: decimal(spec.unitAmount),
    };
  }

  function planObject(price: Stripe.Price): Stripe.Plan {
    return {
      id: price.id,
      object: "plan",
      active: true,
      amount: price.unit_amount,
      amount_decimal: price.unit_amount_decimal,
      billing_scheme: "per_unit",
      created: price.created,
      currency: price.currency,
      interval: "month",
      interval_count: 1,
      livemode: false,
      metadata: {},
      meter: price.recurring?.meter ?? null,
      nickname: null,
      product: price.product,
      tiers_mode: null,
      transform_usage: null,
      trial_period_days: null,
      usage_type: price.recurring?.usage_type ?? "licensed",
    };
  }

  const priceIdOf = (price: string | Stripe.Price | undefined) => (typeof price === "string" ? price : (price?.id ?? ""));
  const isMetered = (price: Stripe.Price) => price.recurring?.usage_type === "metered";

  /** Stripe's rule: licensed prices need a quantity (default 1 on subscriptions), metered prices must not have one. */
  function checkQuantity(price: Stripe.Price, quantity: number | undefined, path: string, required: boolean): number | null {
    if (isMetered(price)) {
      if (quantity !== undefined) {
        throw new ApiError(400, `Quantity should not be specified where usage_type is \`metered\`. Remove quantity from \`${path}\`.`, `${path}[quantity]`);
      }
      return null;
    }
    if (quantity === undefined) {
      if (required) throw new ApiError(400, `Quantity is required. Add \`quantity\` to \`${path}\``, `${path}[quantity]`, "parameter_missing");
      return 1;
    }
    if (quantity < 0) throw new ApiError(400, `Invalid non-negative integer`, `${path}[quantity]`);
    return quantity;
  }

  // ----- lookups -----------------------------------------------------------------------------------------

  const noSuch = (kind: string, id: string, param: string, status: number) => new ApiError(status, `No such ${kind}: '${id}'`, param, "resource_missing");

  function customerOr(id: string, param: string, status: number): Stripe.Customer {
    const customer = state.customers.get(id);
    if (!customer) throw noSuch("customer", id, param, status);
    return customer;
  }

  function subscriptionOr(id: string, param = "id", status = 404): Stripe.Subscription {
    const sub = state.subscriptions.get(id);
    if (!sub) throw noSuch("subscription", id, param, status);
    return sub;
  }

  function customerId(sub: Stripe.Subscription): string {
    return typeof sub.customer === "string" ? sub.customer : sub.customer.id;
  }

  // ----- events and webhooks -----------------------------------------------------------------------------

  function emit(type: Stripe.Event.Type, object: unknown, origin: Origin, previousAttributes?: Record<string, unknown>): Stripe.Event {
    const event = {
      id: objectId("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: nowSeconds(),
      data: { object: snapshot(object), ...(previousAttributes ? { previous_attributes: snapshot(previousAttributes) } : {}) },
      livemode: false,
      pending_webhooks: webhookUrl ? 1 : 0,
      request: { id: origin.requestId, idempotency_key: origin.idempotencyKey },
      type,
    } as Stripe.Event;
    events.push(event);
    return event;
  }

  /** The top-level fields of `before` that differ in `after` (customer.subscription.updated's previous_attributes). */
  function changed(before: object, after: object): Record<string, unknown> | undefined {
    const prev: Record<string, unknown> = {};
    const a = snapshot(after) as Record<string, unknown>;
    for (const [key, value] of Object.entries(snapshot(before) as Record<string, unknown>)) {
      if (JSON.stringify(value) !== JSON.stringify(a[key])) prev[key] = value;
    }
    return Object.keys(prev).length ? prev : undefined;
  }

  function signed(event: Stripe.Event, sign: SignOptions = {}): { payload: string; header: string } {
    const payload = JSON.stringify(event, null, 2);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: sign.secret ?? webhookSecret, timestamp: sign.timestamp });
    return { payload, header };
  }

  async function post(url: string, event: Stripe.Event, sign: SignOptions): Promise<{ status: number; body: string }> {
    const { payload, header } = signed(event, sign);
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": header, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" },
      body: payload,
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, body: await res.text() };
  }

  let queue: Promise<void> = Promise.resolve();

  /** Delivers `batch` after everything queued before it, one event at a time; never rejects. */
  function enqueue(batch: Stripe.Event[]): Promise<void> {
    const run = queue.then(async () => {
      for (const event of batch) {
        const url = webhookUrl;
        if (!url) continue;
        try {
          const answer = await post(url, event, {});
          state.deliveries.push({ eventId: event.id, type: event.type, url, status: answer.status, body: answer.body });
        } catch (err) {
          state.deliveries.push({ eventId: event.id, type: event.type, url, status: null, body: "", error: err instanceof Error ? err.message : String(err) });
        }
      }
    });
    queue = run;
    return run;
  }

  // ----- customers ---------------------------------------------------------------------------------------

  function createCustomer(fields: { email: string | null; name: string | null; description?: string | null; phone?: string | null; metadata?: Stripe.Metadata }): Stripe.Customer {
    const customer: Stripe.Customer = {
      id: newId("cus", 14),
      object: "customer",
      address: null,
      balance: 0,
      created: nowSeconds(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: fields.description ?? null,
      discount: null,
      email: fields.email,
      invoice_prefix: randomBytes(4).toString("hex").toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: fields.metadata ?? {},
      name: fields.name,
      next_invoice_sequence: 1,
      phone: fields.phone ?? null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: "none",
      test_clock: null,
    };
    state.customers.set(customer.id, customer);
    return customer;
  }

  // ----- invoices ----------------------------------------------------------------------------------------

  function subscriptionLine(sub: Stripe.Subscription, item: Stripe.SubscriptionItem, quantity: number, period: { start: number; end: number }, trial = false): LineDraft {
    const unit = trial ? 0 : (item.price.unit_amount ?? 0);
    const name = productName(item.price.id);
    return {
      description: trial ? `Trial period for ${name}` : `${quantity} × ${name} (at ${money(item.price.unit_amount ?? 0)} / month)`,
      amount: unit * quantity,
      quantity,
      unitAmount: unit,
      price: item.price,
      period,
      subscriptionItem: item.id,
      invoiceItem: null,
      proration: false,
    };
  }

  function createInvoice(args: { sub: Stripe.Subscription; billingReason: Stripe.Invoice.BillingReason; drafts: LineDraft[]; period: { start: number; end: number }; at: number }): Stripe.Invoice {
    const { sub, at } = args;
    const customer = customerOr(customerId(sub), "customer", 400);
    const id = objectId("in");
    const number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence ?? 1).padStart(4, "0")}`;
    customer.next_invoice_sequence = (customer.next_invoice_sequence ?? 1) + 1;
    const lines: Stripe.InvoiceLineItem[] = args.drafts.map((d) => ({
      id: newId("il", 24),
      object: "line_item",
      amount: d.amount,
      currency: "usd",
      description: d.description,
      discount_amounts: [],
      discountable: true,
      discounts: [],
      invoice: id,
      livemode: false,
      metadata: {},
      parent: d.invoiceItem
        ? {
            type: "invoice_item_details",
            invoice_item_details: { invoice_item: d.invoiceItem, proration: d.proration, proration_details: { credited_items: null }, subscription: sub.id },
            subscription_item_details: null,
          }
        : {
            type: "subscription_item_details",
            invoice_item_details: null,
            subscription_item_details: { invoice_item: null, proration: d.proration, proration_details: { credited_items: null }, subscription: sub.id, subscription_item: d.subscriptionItem ?? "" },
          },
      period: d.period,
      pretax_credit_amounts: [],
      pricing: { type: "price_details", price_details: { price: d.price.id, product: typeof d.price.product === "string" ? d.price.product : d.price.product.id }, unit_amount_decimal: decimal(d.unitAmount) },
      quantity: d.quantity,
      quantity_decimal: decimal(d.quantity),
      subscription: sub.id,
      subtotal: d.amount,
      taxes: [],
    }));
    const total = lines.reduce((sum, l) => sum + l.amount, 0);
    // A negative total (a downgrade's credit) is not charged: it goes to the customer's credit balance.
    const startingBalance = customer.balance;
    const applied = Math.max(-total, Math.min(0, startingBalance));
    const amountDue = Math.max(0, total + applied);
    const endingBalance = total < 0 ? startingBalance + total : startingBalance - applied;
    customer.balance = endingBalance;
    const invoice: Stripe.Invoice = {
      id,
      object: "invoice",
      account_country: "US",
      account_name: "LLMGuard (Stripe test double)",
      account_tax_ids: null,
      amount_due: amountDue,
      amount_overpaid: 0,
      amount_paid: 0,
      amount_remaining: amountDue,
      amount_shipping: 0,
      application: null,
      attempt_count: 0,
      attempted: false,
      auto_advance: true,
      automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
      automatically_finalizes_at: null,
      billing_reason: args.billingReason,
      collection_method: "charge_automatically",
      confirmation_secret: null,
      created: at,
      currency: "usd",
      custom_fields: null,
      customer: customer.id,
      customer_account: null,
      customer_address: null,
      customer_email: customer.email,
      customer_name: customer.name ?? null,
      customer_phone: null,
      customer_shipping: null,
      customer_tax_exempt: "none",
      customer_tax_ids: [],
      default_payment_method: null,
      default_source: null,
      default_tax_rates: [],
      description: null,
      discounts: [],
      due_date: null,
      effective_at: at,
      ending_balance: endingBalance,
      footer: null,
      from_invoice: null,
      hosted_invoice_url: `${publicUrl}/i/${id}`,
      invoice_pdf: `${publicUrl}/i/${id}/pdf`,
      issuer: { type: "self" },
      last_finalization_error: null,
      latest_revision: null,
      lines: { object: "list", data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
      livemode: false,
      metadata: {},
      next_payment_attempt: null,
      number,
      on_behalf_of: null,
      parent: { type: "subscription_details", quote_details: null, subscription_details: { metadata: { ...sub.metadata }, subscription: sub.id } },
      payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
      period_end: args.period.end,
      period_start: args.period.start,
      post_payment_credit_notes_amount: 0,
      pre_payment_credit_notes_amount: 0,
      receipt_number: null,
      rendering: null,
      shipping_cost: null,
      shipping_details: null,
      starting_balance: startingBalance,
      statement_descriptor: null,
      status: "open",
      status_transitions: { finalized_at: at, marked_uncollectible_at: null, paid_at: null, voided_at: null },
      subtotal: total,
      subtotal_excluding_tax: total,
      test_clock: null,
      total,
      total_discount_amounts: [],
      total_excluding_tax: total,
      total_pretax_credit_amounts: [],
      total_taxes: [],
      webhooks_delivered_at: at,
    };
    for (const d of args.drafts) {
      const ii = d.invoiceItem ? state.invoiceItems.get(d.invoiceItem) : undefined;
      if (ii) ii.invoice = id;
    }
    state.invoices.set(id, invoice);
    return invoice;
  }

  function payInvoice(invoice: Stripe.Invoice, at: number): void {
    invoice.status = "paid";
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    if (invoice.amount_due > 0) {
      invoice.attempted = true;
      invoice.attempt_count += 1;
    }
    invoice.auto_advance = false;
    invoice.next_payment_attempt = null;
    invoice.status_transitions.paid_at = at;
  }

  function failInvoice(invoice: Stripe.Invoice, at: number): void {
    invoice.status = "open";
    invoice.attempted = true;
    invoice.attempt_count += 1;
    invoice.next_payment_attempt = at + 3 * 86_400;
  }

  /** Pending invoice items (prorations) of a subscription, as invoice lines. */
  function pendingItemLines(sub: Stripe.Subscription): LineDraft[] {
    return [...state.invoiceItems.values()]
      .filter((ii) => ii.invoice === null && ii.parent?.subscription_details?.subscription === sub.id)
      .map((ii) => ({
        description: ii.description ?? "",
        price: priceObject(priceIdOf(ii.pricing?.price_details?.price)),
        amount: ii.amount,
        quantity: ii.quantity,
        unitAmount: ii.amount,
        period: ii.period,
        subscriptionItem: ii.parent?.subscription_details?.subscription_item ?? null,
        invoiceItem: ii.id,
        proration: ii.proration,
      }));
  }

  /** Usage of a metered item reported up to `until` and not yet invoiced. */
  function unbilledUsage(sub: Stripe.Subscription, item: Stripe.SubscriptionItem, until: number): Stripe.Billing.MeterEvent[] {
    const eventName = priceTable[item.price.id]?.eventName;
    const cus = customerId(sub);
    return state.meterEvents.filter(
      (e) => !billedMeterEvents.has(e.identifier) && e.payload.stripe_customer_id === cus && e.timestamp < until && (eventName === undefined || e.event_name === eventName),
    );
  }

  function meteredLines(sub: Stripe.Subscription, period: { start: number; end: number }, charge: boolean): { drafts: LineDraft[]; used: string[] } {
    const drafts: LineDraft[] = [];
    const used: string[] = [];
    for (const item of sub.items.data) {
      if (!isMetered(item.price)) continue;
      const usage = unbilledUsage(sub, item, period.end);
      used.push(...usage.map((e) => e.identifier));
      if (!charge) continue;
      const quantity = usage.reduce((sum, e) => sum + Number(e.payload.value ?? 0), 0);
      drafts.push({ ...subscriptionLine(sub, item, quantity, period), quantity });
    }
    return { drafts, used };
  }

  // ----- subscriptions -----------------------------------------------------------------------------------

  function subscriptionItem(subId: string, price: Stripe.Price, quantity: number | null, period: { start: number; end: number }, metadata: Stripe.Metadata = {}): Stripe.SubscriptionItem {
    return {
      id: newId("si", 14),
      object: "subscription_item",
      billing_thresholds: null,
      created: nowSeconds(),
      current_period_end: period.end,
      current_period_start: period.start,
      current_trial: null,
      discounts: [],
      metadata,
      plan: planObject(price),
      price,
      ...(quantity === null ? {} : { quantity }),
      subscription: subId,
      tax_rates: [],
    };
  }

  function currentPeriod(sub: Stripe.Subscription): { start: number; end: number } {
    const first = sub.items.data[0];
    if (!first) throw new Error(`Subscription ${sub.id} has no items`);
    return { start: first.current_period_start, end: first.current_period_end };
  }

  function nextPeriod(sub: Stripe.Subscription): { start: number; end: number; index: number } {
    const cycle = cycles.get(sub.id) ?? { anchor: currentPeriod(sub).start, index: 0 };
    const index = cycle.index + 1;
    return { start: addMonths(cycle.anchor, index), end: addMonths(cycle.anchor, index + 1), index };
  }

  function newSubscription(customer: string, lines: Stripe.LineItem[], data: { metadata: Stripe.Metadata; trialDays: number | null; description: string | null }, at: number): Stripe.Subscription {
    const id = objectId("sub");
    const trialEnd = data.trialDays ? at + data.trialDays * 86_400 : null;
    const anchor = trialEnd ?? at;
    const period = { start: at, end: trialEnd ?? addMonths(at, 1) };
    cycles.set(id, { anchor, index: trialEnd ? -1 : 0 });
    const items = lines.map((line) => subscriptionItem(id, line.price ?? priceObject(""), line.quantity, period));
    const sub: Stripe.Subscription = {
      id,
      object: "subscription",
      application: null,
      application_fee_percent: null,
      automatic_tax: { disabled_reason: null, enabled: false, liability: null },
      billing_cycle_anchor: anchor,
      billing_cycle_anchor_config: null,
      billing_mode: { flexible: null, type: "classic" },
      billing_schedules: [],
      billing_thresholds: null,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
      collection_method: "charge_automatically",
      created: at,
      currency: "usd",
      customer,
      customer_account: null,
      days_until_due: null,
      default_payment_method: null,
      default_source: null,
      default_tax_rates: [],
      description: data.description,
      discounts: [],
      ended_at: null,
      invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: "self" } },
      items: { object: "list", data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
      latest_invoice: null,
      livemode: false,
      managed_payments: null,
      metadata: data.metadata,
      next_pending_invoice_item_invoice: null,
      on_behalf_of: null,
      pause_collection: null,
      payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: "off" },
      pending_invoice_item_interval: null,
      pending_setup_intent: null,
      pending_update: null,
      schedule: null,
      start_date: at,
      status: trialEnd ? "trialing" : "active",
      test_clock: null,
      transfer_data: null,
      trial_end: trialEnd,
      trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: "create_invoice" } },
      trial_start: trialEnd ? at : null,
    };
    state.subscriptions.set(id, sub);
    return sub;
  }

  /** Ends a subscription now: status canceled, ended_at, and the final usage invoice when asked. */
  function endSubscription(sub: Stripe.Subscription, at: number, origin: Origin, finalInvoice: boolean): Stripe.Event[] {
    const out: Stripe.Event[] = [];
    let invoice: Stripe.Invoice | null = null;
    if (finalInvoice) {
      const period = currentPeriod(sub);
      const { drafts, used } = meteredLines(sub, { start: period.start, end: at + 1 }, sub.status !== "trialing");
      const all = [...drafts.filter((d) => d.quantity > 0), ...pendingItemLines(sub)];
      used.forEach((u) => billedMeterEvents.add(u));
      if (all.length) {
        invoice = createInvoice({ sub, billingReason: "subscription_cycle", drafts: all, period: { start: period.start, end: at }, at });
        payInvoice(invoice, at);
        sub.latest_invoice = invoice.id;
      }
    }
    sub.status = "canceled";
    sub.ended_at = at;
    sub.canceled_at = sub.canceled_at ?? at;
    sub.cancel_at = null;
    sub.cancellation_details = { ...(sub.cancellation_details ?? { comment: null, feedback: null, feedback_option: null }), reason: sub.cancellation_details?.reason ?? "cancellation_requested" };
    out.push(emit("customer.subscription.deleted", sub, origin));
    if (invoice) out.push(emit("invoice.paid", invoice, origin));
    return out;
  }

  /** The end of the current period: a new period and its invoice, paid or failed. */
  function renew(sub: Stripe.Subscription, outcome: "paid" | "failed"): Stripe.Event[] {
    if (sub.status === "canceled") throw new Error(`Subscription ${sub.id} is canceled`);
    const before = snapshot(sub);
    const old = currentPeriod(sub);
    const at = old.end;
    if (sub.cancel_at_period_end) {
      if (outcome === "failed") throw new Error(`Subscription ${sub.id} ends at this period's end (cancel_at_period_end): there is no renewal to fail`);
      return endSubscription(sub, at, AUTOMATIC, true);
    }
    const wasTrialing = sub.status === "trialing";
    const next = nextPeriod(sub);
    const newPeriod = { start: next.start, end: next.end };
    const metered = meteredLines(sub, old, !wasTrialing);
    const drafts = [
      ...sub.items.data.filter((i) => !isMetered(i.price)).map((i) => subscriptionLine(sub, i, i.quantity ?? 1, newPeriod)),
      ...metered.drafts,
      ...pendingItemLines(sub),
    ];
    const total = drafts.reduce((sum, d) => sum + d.amount, 0);
    if (outcome === "failed" && total <= 0) throw new Error(`Subscription ${sub.id} has nothing to charge at renewal, so no payment can fail`);

    metered.used.forEach((u) => billedMeterEvents.add(u));
    cycles.set(sub.id, { anchor: cycles.get(sub.id)?.anchor ?? old.start, index: next.index });
    for (const item of sub.items.data) {
      item.current_period_start = newPeriod.start;
      item.current_period_end = newPeriod.end;
    }
    // A renewal invoice's own period is the period that just ended (its lines carry their own periods).
    const invoice = createInvoice({ sub, billingReason: "subscription_cycle", drafts, period: old, at });
    sub.latest_invoice = invoice.id;
    if (outcome === "paid") {
      payInvoice(invoice, at);
      sub.status = "active";
      return [emit("customer.subscription.updated", sub, AUTOMATIC, changed(before, sub)), emit("invoice.paid", invoice, AUTOMATIC)];
    }
    failInvoice(invoice, at);
    sub.status = "past_due";
    return [emit("invoice.payment_failed", invoice, AUTOMATIC), emit("customer.subscription.updated", sub, AUTOMATIC, changed(before, sub))];
  }

  function setCancelAtPeriodEnd(sub: Stripe.Subscription, value: boolean, at: number): void {
    sub.cancel_at_period_end = value;
    sub.cancel_at = value ? currentPeriod(sub).end : null;
    sub.canceled_at = value ? at : null;
    sub.cancellation_details = { ...(sub.cancellation_details ?? { comment: null, feedback: null, feedback_option: null }), reason: value ? "cancellation_requested" : null };
  }

  /** POST /v1/subscriptions/:id */
  function updateSubscription(live: Stripe.Subscription, p: FormObject, origin: Origin): Stripe.Event[] {
    // Changes go to a copy, committed once every parameter is valid: a refused request changes nothing.
    const sub = deepCopy(live);
    checkKnown(p, [
      "items",
      "proration_behavior",
      "proration_date",
      "cancel_at_period_end",
      "metadata",
      "cancellation_details",
      "description",
      "default_payment_method",
      "payment_behavior",
      "billing_cycle_anchor",
    ]);
    if (sub.status === "canceled") {
      const allowed = ["metadata", "cancellation_details", "expand"];
      const other = Object.keys(p).find((k) => !allowed.includes(k));
      if (other) throw new ApiError(400, "A canceled subscription can only update its cancellation_details and metadata.", other);
    }
    const behavior = optEnum(p, "proration_behavior", ["create_prorations", "none", "always_invoice"] as const) ?? "create_prorations";
    optEnum(p, "payment_behavior", ["allow_incomplete", "default_incomplete", "error_if_incomplete", "pending_if_incomplete"] as const);
    if (optEnum(p, "billing_cycle_anchor", ["now", "unchanged"] as const) === "now") {
      throw new ApiError(400, "The Stripe test double supports only billing_cycle_anchor=unchanged.", "billing_cycle_anchor");
    }
    const at = optInt(p, "proration_date") ?? nowSeconds();
    const before = snapshot(live);
    const prorations: LineDraft[] = [];
    const prorate = (item: Stripe.SubscriptionItem, price: Stripe.Price, quantity: number, sign: 1 | -1) => {
      if (behavior === "none" || sub.status === "trialing" || isMetered(price)) return;
      const { start, end } = { start: item.current_period_start, end: item.current_period_end };
      const fraction = Math.min(1, Math.max(0, (end - at) / Math.max(1, end - start)));
      const amount = sign * Math.round((price.unit_amount ?? 0) * quantity * fraction);
      const name = productName(price.id);
      prorations.push({
        description: sign < 0 ? `Unused time on ${quantity} × ${name} after ${day(at)}` : `Remaining time on ${quantity} × ${name} after ${day(at)}`,
        amount,
        quantity,
        unitAmount: amount,
        price,
        period: { start: Math.max(at, start), end },
        subscriptionItem: item.id,
        invoiceItem: null,
        proration: true,
      });
    };

    const itemParams = optArray(p, "items");
    if (itemParams) {
      if (sub.status === "canceled") throw new ApiError(400, "A canceled subscription can only update its cancellation_details and metadata.", "items");
      const period = currentPeriod(sub);
      itemParams.forEach((entry, i) => {
        const path = `items[${i}]`;
        checkKnown(entry, ["id", "price", "quantity", "deleted", "metadata", "clear_usage"], path);
        const itemId = optString(entry, "id", `${path}[id]`);
        const priceId = optString(entry, "price", `${path}[price]`);
        const quantityParam = optInt(entry, "quantity", `${path}[quantity]`);
        if (itemId) {
          const index = sub.items.data.findIndex((it) => it.id === itemId);
          const item = sub.items.data[index];
          if (!item) throw noSuch("subscription item", itemId, `${path}[id]`, 400);
          if (optBool(entry, "deleted", `${path}[deleted]`)) {
            prorate(item, item.price, item.quantity ?? 1, -1);
            sub.items.data.splice(index, 1);
            return;
          }
          const price = priceId ? priceObject(priceId) : item.price;
          const quantity = checkQuantity(price, quantityParam, path, false);
          const newQuantity = quantityParam ?? (isMetered(price) ? null : isMetered(item.price) ? 1 : (item.quantity ?? 1));
          if (price.id !== item.price.id || (quantity !== null && newQuantity !== item.quantity)) {
            prorate(item, item.price, item.quantity ?? 1, -1);
            prorate(item, price, newQuantity ?? 1, 1);
          }
          item.price = price;
          item.plan = planObject(price);
          if (newQuantity === null) delete item.quantity;
          else item.quantity = newQuantity;
          item.metadata = applyMetadata(item.metadata, entry);
        } else {
          if (!priceId) throw missing(`${path}[price]`);
          const price = priceObject(priceId);
          const quantity = checkQuantity(price, quantityParam, path, false);
          const item = subscriptionItem(sub.id, price, quantity, period, applyMetadata({}, entry));
          sub.items.data.push(item);
          prorate(item, price, quantity ?? 1, 1);
        }
      });
      if (sub.items.data.length === 0) throw new ApiError(400, "A subscription must have at least one active plan. To cancel a subscription, please use the cancel API endpoint on /v1/subscriptions.", "items");
    }

    const cancelAtPeriodEnd = optBool(p, "cancel_at_period_end");
    if (cancelAtPeriodEnd !== undefined && cancelAtPeriodEnd !== sub.cancel_at_period_end) setCancelAtPeriodEnd(sub, cancelAtPeriodEnd, nowSeconds());
    sub.metadata = applyMetadata(sub.metadata, p);
    const details = optObject(p, "cancellation_details");
    if (details) {
      checkKnown(details, ["comment", "feedback"], "cancellation_details");
      sub.cancellation_details = {
        ...(sub.cancellation_details ?? { feedback_option: null, reason: null }),
        comment: optString(details, "comment", "cancellation_details[comment]") ?? sub.cancellation_details?.comment ?? null,
        feedback: (optString(details, "feedback", "cancellation_details[feedback]") as Stripe.Subscription.CancellationDetails.Feedback | undefined) ?? sub.cancellation_details?.feedback ?? null,
      };
    }
    const description = optString(p, "description");
    if (description !== undefined) sub.description = description || null;
    const paymentMethod = optString(p, "default_payment_method");
    if (paymentMethod !== undefined) sub.default_payment_method = paymentMethod || null;
    Object.assign(live, sub);

    let invoice: Stripe.Invoice | null = null;
    const nonZero = prorations.filter((d) => d.amount !== 0);
    if (nonZero.length && behavior === "create_prorations") {
      for (const d of nonZero) {
        const ii: Stripe.InvoiceItem = {
          id: objectId("ii"),
          object: "invoiceitem",
          amount: d.amount,
          currency: "usd",
          customer: customerId(live),
          customer_account: null,
          date: at,
          description: d.description,
          discountable: false,
          discounts: [],
          invoice: null,
          livemode: false,
          metadata: {},
          parent: { type: "subscription_details", subscription_details: { subscription: live.id, subscription_item: d.subscriptionItem ?? undefined } },
          period: d.period,
          pricing: { type: "price_details", price_details: { price: d.price.id, product: typeof d.price.product === "string" ? d.price.product : d.price.product.id }, unit_amount_decimal: decimal(d.amount) },
          proration: true,
          quantity: 1,
          quantity_decimal: decimal(1),
          tax_rates: [],
          test_clock: null,
        };
        state.invoiceItems.set(ii.id, ii);
      }
    } else if (nonZero.length && behavior === "always_invoice") {
      invoice = createInvoice({ sub: live, billingReason: "subscription_update", drafts: [...nonZero, ...pendingItemLines(live)], period: { start: at, end: at }, at });
      payInvoice(invoice, at);
      live.latest_invoice = invoice.id;
    }
    const out: Stripe.Event[] = [];
    const previous = changed(before, live);
    if (previous) out.push(emit("customer.subscription.updated", live, origin, previous));
    if (invoice) out.push(emit("invoice.paid", invoice, origin));
    return out;
  }

  // ----- checkout ----------------------------------------------------------------------------------------

  function createCheckoutSession(p: FormObject): Stripe.Checkout.Session {
    checkKnown(p, [
      "mode",
      "customer",
      "customer_email",
      "line_items",
      "success_url",
      "cancel_url",
      "client_reference_id",
      "metadata",
      "subscription_data",
      "allow_promotion_codes",
      "billing_address_collection",
      "automatic_tax",
      "payment_method_types",
      "payment_method_collection",
      "locale",
      "customer_update",
      "tax_id_collection",
      "ui_mode",
      "consent_collection",
      "expires_at",
    ]);
    const mode = reqString(p, "mode");
    if (mode !== "subscription") throw new ApiError(400, `The Stripe test double supports only mode=subscription (got ${mode}).`, "mode");
    const ui = optString(p, "ui_mode");
    if (ui !== undefined && ui !== "hosted") throw new ApiError(400, "The Stripe test double supports only ui_mode=hosted.", "ui_mode");
    const customer = optString(p, "customer");
    if (customer) customerOr(customer, "customer", 400);
    const customerEmail = optString(p, "customer_email");
    if (customer && customerEmail) throw new ApiError(400, "You may only specify one of these parameters: customer, customer_email.", "customer_email");
    const lineParams = optArray(p, "line_items");
    if (!lineParams || lineParams.length === 0) throw missing("line_items");
    const id = `cs_test_a1${randomToken(58)}`;
    const lines: Stripe.LineItem[] = lineParams.map((entry, i) => {
      const path = `line_items[${i}]`;
      checkKnown(entry, ["price", "quantity", "adjustable_quantity", "tax_rates", "dynamic_tax_rates"], path);
      const price = priceObject(reqString(entry, "price", `${path}[price]`));
      const quantity = checkQuantity(price, optInt(entry, "quantity", `${path}[quantity]`), path, true);
      const amount = quantity === null ? 0 : (price.unit_amount ?? 0) * quantity;
      return {
        id: objectId("li"),
        object: "item",
        adjustable_quantity: null,
        amount_discount: 0,
        amount_subtotal: amount,
        amount_tax: 0,
        amount_total: amount,
        currency: "usd",
        description: productName(price.id),
        metadata: {},
        price,
        quantity,
      };
    });
    const sd = optObject(p, "subscription_data") ?? {};
    checkKnown(sd, ["metadata", "trial_period_days", "description", "billing_mode", "trial_settings"], "subscription_data");
    const trialDays = optInt(sd, "trial_period_days", "subscription_data[trial_period_days]") ?? null;
    if (trialDays !== null && (trialDays < 1 || trialDays > 730)) throw new ApiError(400, "trial_period_days must be between 1 and 730.", "subscription_data[trial_period_days]");
    sessionSubscriptionData.set(id, { metadata: applyMetadata({}, sd), trialDays, description: optString(sd, "description", "subscription_data[description]") ?? null });
    sessionLines.set(id, lines);
    const subtotal = lines.reduce((sum, l) => sum + l.amount_subtotal, 0);
    const total = trialDays ? 0 : subtotal;
    const created = nowSeconds();
    const session: Stripe.Checkout.Session = {
      id,
      object: "checkout.session",
      adaptive_pricing: null,
      after_expiration: null,
      allow_promotion_codes: optBool(p, "allow_promotion_codes") ?? null,
      allowed_payment_method_types: null,
      amount_subtotal: total,
      amount_total: total,
      automatic_tax: { enabled: false, liability: null, provider: null, status: null },
      billing_address_collection: (optString(p, "billing_address_collection") as Stripe.Checkout.Session.BillingAddressCollection | undefined) ?? null,
      cancel_url: optString(p, "cancel_url") ?? null,
      client_reference_id: optString(p, "client_reference_id") ?? null,
      client_secret: null,
      collected_information: null,
      consent: null,
      consent_collection: null,
      created,
      currency: "usd",
      currency_conversion: null,
      custom_fields: [],
      custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
      customer: customer ?? null,
      customer_account: null,
      customer_creation: customer ? null : "always",
      customer_details: null,
      customer_email: customerEmail ?? null,
      discounts: [],
      expires_at: optInt(p, "expires_at") ?? created + 24 * 3600,
      integration_identifier: null,
      invoice: null,
      invoice_creation: null,
      livemode: false,
      locale: (optString(p, "locale") as Stripe.Checkout.Session.Locale | undefined) ?? null,
      managed_payments: null,
      metadata: applyMetadata({}, p),
      mode: "subscription",
      origin_context: null,
      payment_intent: null,
      payment_link: null,
      payment_method_collection: "always",
      payment_method_configuration_details: null,
      payment_method_options: { card: { request_three_d_secure: "automatic" } },
      payment_method_types: ["card"],
      payment_status: "unpaid",
      permissions: null,
      recovered_from: null,
      saved_payment_method_options: null,
      setup_intent: null,
      shipping_address_collection: null,
      shipping_cost: null,
      shipping_options: [],
      status: "open",
      submit_type: null,
      subscription: null,
      success_url: optString(p, "success_url") ?? null,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: "hosted",
      url: `${publicUrl}/c/pay/${id}`,
      wallet_options: null,
    };
    state.checkoutSessions.set(id, session);
    return session;
  }

  function completeCheckoutNow(sessionId: string, details: { email?: string; name?: string } = {}): CompletedCheckout {
    const session = state.checkoutSessions.get(sessionId);
    if (!session) throw new Error(`No such Checkout Session: ${sessionId}`);
    if (session.status !== "open") throw new Error(`Checkout Session ${sessionId} is ${session.status}, not open`);
    if (session.expires_at < nowSeconds()) throw new Error(`Checkout Session ${sessionId} expired`);
    const at = nowSeconds();
    const out: Stripe.Event[] = [];
    let customer: Stripe.Customer;
    if (typeof session.customer === "string") {
      customer = customerOr(session.customer, "customer", 400);
    } else {
      const email = details.email ?? session.customer_email ?? `customer-${state.customers.size + 1}@example.test`;
      customer = createCustomer({ email, name: details.name ?? null });
      out.push(emit("customer.created", customer, AUTOMATIC));
    }
    const lines = sessionLines.get(sessionId) ?? [];
    const data = sessionSubscriptionData.get(sessionId) ?? { metadata: {}, trialDays: null, description: null };
    const sub = newSubscription(customer.id, lines, data, at);
    const trial = sub.status === "trialing";
    const period = currentPeriod(sub);
    const drafts = sub.items.data.filter((i) => !isMetered(i.price)).map((i) => subscriptionLine(sub, i, i.quantity ?? 1, period, trial));
    const invoice = createInvoice({ sub, billingReason: "subscription_create", drafts, period: { start: at, end: at }, at });
    payInvoice(invoice, at);
    sub.latest_invoice = invoice.id;
    if (invoice.amount_paid > 0 || !trial) sub.default_payment_method = objectId("pm");
    session.status = "complete";
    session.payment_status = session.amount_total === 0 ? "no_payment_required" : "paid";
    session.customer = customer.id;
    session.customer_details = { address: null, business_name: null, email: customer.email, individual_name: null, name: customer.name ?? null, phone: null, tax_exempt: "none", tax_ids: [] };
    session.subscription = sub.id;
    session.invoice = invoice.id;
    session.url = null;
    out.push(emit("customer.subscription.created", sub, AUTOMATIC), emit("checkout.session.completed", session, AUTOMATIC), emit("invoice.paid", invoice, AUTOMATIC));
    return { subscription: sub, invoice, events: out };
  }

  // ----- lists and expansion -----------------------------------------------------------------------------

  /** Stripe's list envelope over `items` (newest first), with limit / starting_after / ending_before. */
  function list<T extends { id?: string }>(items: T[], url: string, p: FormObject): Stripe.ApiList<T> {
    const limit = optInt(p, "limit") ?? 10;
    if (limit < 1 || limit > 100) throw new ApiError(400, "Invalid limit: must be between 1 and 100", "limit");
    const after = optString(p, "starting_after");
    const before = optString(p, "ending_before");
    if (after && before) throw new ApiError(400, "You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
    if (before) {
      const idx = items.findIndex((i) => i.id === before);
      if (idx === -1) throw new ApiError(400, `No such object: '${before}'`, "ending_before", "resource_missing");
      const from = Math.max(0, idx - limit);
      return { object: "list", data: items.slice(from, idx), has_more: from > 0, url };
    }
    let start = 0;
    if (after) {
      const idx = items.findIndex((i) => i.id === after);
      if (idx === -1) throw new ApiError(400, `No such object: '${after}'`, "starting_after", "resource_missing");
      start = idx + 1;
    }
    return { object: "list", data: items.slice(start, start + limit), has_more: start + limit < items.length, url };
  }

  const newestFirst = <T>(values: Iterable<T>): T[] => [...values].reverse();

  function lookup(id: string): object | undefined {
    if (id.startsWith("cus_")) return state.customers.get(id);
    if (id.startsWith("sub_")) return state.subscriptions.get(id);
    if (id.startsWith("in_")) return state.invoices.get(id);
    if (id.startsWith("cs_")) return state.checkoutSessions.get(id);
    if (id.startsWith("ii_")) return state.invoiceItems.get(id);
    if (id.startsWith("bps_")) return state.portalSessions.get(id);
    return undefined;
  }

  /** Applies one `expand[]` path (dot-separated; `data.x` for lists) to a response snapshot. */
  function expandPath(node: unknown, path: string[], full: string, index: number): void {
    if (Array.isArray(node)) {
      node.forEach((n) => expandPath(n, path, full, index));
      return;
    }
    if (node === null || typeof node !== "object") return;
    const [head, ...rest] = path;
    if (head === undefined) return;
    const obj = node as Record<string, unknown>;
    if (head === "line_items" && obj.object === "checkout.session" && typeof obj.id === "string") {
      obj.line_items = snapshot(list(sessionLines.get(obj.id) ?? [], `/v1/checkout/sessions/${obj.id}/line_items`, {}));
    } else if (typeof obj[head] === "string") {
      const target = lookup(obj[head]);
      if (!target) throw new ApiError(400, `This property cannot be expanded (${full}).`, `expand[${index}]`);
      obj[head] = snapshot(target);
    } else if (!(head in obj) || (rest.length === 0 && obj[head] !== null && typeof obj[head] !== "object")) {
      throw new ApiError(400, `This property cannot be expanded (${full}).`, `expand[${index}]`);
    }
    if (rest.length) expandPath(obj[head], rest, full, index);
  }

  // ----- routes ------------------------------------------------------------------------------------------

  const routes: Route[] = [
    {
      method: "POST",
      pattern: /^\/v1\/customers$/,
      handle: ({ params: p }) => {
        checkKnown(p, ["email", "name", "description", "phone", "metadata", "address", "preferred_locales", "invoice_settings", "tax_exempt", "shipping"]);
        return createCustomer({ email: optString(p, "email") ?? null, name: optString(p, "name") ?? null, description: optString(p, "description"), phone: optString(p, "phone"), metadata: applyMetadata({}, p) });
      },
    },
    { method: "GET", pattern: /^\/v1\/customers\/([^/]+)$/, handle: ({ match }) => customerOr(match[1] ?? "", "id", 404) },
    {
      method: "POST",
      pattern: /^\/v1\/customers\/([^/]+)$/,
      handle: ({ params: p, match }) => {
        const customer = customerOr(match[1] ?? "", "id", 404);
        checkKnown(p, ["email", "name", "description", "phone", "metadata", "address", "preferred_locales", "invoice_settings", "tax_exempt", "shipping"]);
        const email = optString(p, "email");
        const name = optString(p, "name");
        const description = optString(p, "description");
        const metadata = applyMetadata(customer.metadata, p);
        if (email !== undefined) customer.email = email || null;
        if (name !== undefined) customer.name = name || null;
        if (description !== undefined) customer.description = description || null;
        customer.metadata = metadata;
        return customer;
      },
    },
    { method: "POST", pattern: /^\/v1\/checkout\/sessions$/, handle: ({ params }) => createCheckoutSession(params) },
    {
      method: "GET",
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
      handle: ({ match }) => {
        const session = state.checkoutSessions.get(match[1] ?? "");
        if (!session) throw noSuch("checkout.session", match[1] ?? "", "session", 404);
        return session;
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/,
      handle: ({ match, params }) => {
        const lines = sessionLines.get(match[1] ?? "");
        if (!lines) throw noSuch("checkout.session", match[1] ?? "", "session", 404);
        return list(lines, `/v1/checkout/sessions/${match[1]}/line_items`, params);
      },
    },
    {
      method: "POST",
      pattern: /^\/v1\/billing_portal\/sessions$/,
      handle: ({ params: p }) => {
        checkKnown(p, ["customer", "return_url", "configuration", "locale", "on_behalf_of"]);
        const customer = customerOr(reqString(p, "customer"), "customer", 400);
        const id = objectId("bps");
        const session: Stripe.BillingPortal.Session = {
          id,
          object: "billing_portal.session",
          configuration: optString(p, "configuration") ?? derivedId("bpc", "default"),
          created: nowSeconds(),
          customer: customer.id,
          customer_account: null,
          flow: null,
          livemode: false,
          locale: (optString(p, "locale") as Stripe.BillingPortal.Session.Locale | undefined) ?? null,
          on_behalf_of: optString(p, "on_behalf_of") ?? null,
          return_url: optString(p, "return_url") ?? null,
          url: `${publicUrl}/p/session/${id}`,
        };
        state.portalSessions.set(id, session);
        return session;
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/subscriptions$/,
      handle: ({ params: p }) => {
        checkKnown(p, ["customer", "status", "price", "limit", "starting_after", "ending_before"]);
        const customer = optString(p, "customer");
        const status = optString(p, "status");
        const price = optString(p, "price");
        const subs = newestFirst(state.subscriptions.values()).filter(
          (s) =>
            (customer === undefined || customerId(s) === customer) &&
            (status === "all" || (status === undefined ? s.status !== "canceled" : s.status === status)) &&
            (price === undefined || s.items.data.some((i) => i.price.id === price)),
        );
        return list(subs, "/v1/subscriptions", p);
      },
    },
    { method: "GET", pattern: /^\/v1\/subscriptions\/([^/]+)$/, handle: ({ match }) => subscriptionOr(match[1] ?? "") },
    {
      method: "POST",
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      handle: (ctx) => {
        const sub = subscriptionOr(ctx.match[1] ?? "");
        ctx.events.push(...updateSubscription(sub, ctx.params, ctx.origin));
        return sub;
      },
    },
    {
      method: "DELETE",
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      handle: (ctx) => {
        const sub = subscriptionOr(ctx.match[1] ?? "");
        checkKnown(ctx.params, ["invoice_now", "prorate", "cancellation_details"]);
        if (sub.status === "canceled") throw new ApiError(400, `No such subscription: '${sub.id}'. This subscription has already been canceled.`, "id", "resource_missing");
        const invoiceNow = optBool(ctx.params, "invoice_now") ?? false;
        optBool(ctx.params, "prorate");
        const details = optObject(ctx.params, "cancellation_details");
        if (details) {
          sub.cancellation_details = {
            comment: optString(details, "comment") ?? null,
            feedback: (optString(details, "feedback") as Stripe.Subscription.CancellationDetails.Feedback | undefined) ?? null,
            feedback_option: null,
            reason: "cancellation_requested",
          };
        }
        ctx.events.push(...endSubscription(sub, nowSeconds(), ctx.origin, invoiceNow));
        return sub;
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/invoices$/,
      handle: ({ params: p }) => {
        checkKnown(p, ["customer", "subscription", "status", "collection_method", "created", "limit", "starting_after", "ending_before"]);
        const customer = optString(p, "customer");
        const subscription = optString(p, "subscription");
        const status = optEnum(p, "status", ["draft", "open", "paid", "uncollectible", "void"] as const);
        const invoices = newestFirst(state.invoices.values()).filter(
          (i) =>
            (customer === undefined || i.customer === customer) &&
            (subscription === undefined || i.parent?.subscription_details?.subscription === subscription) &&
            (status === undefined || i.status === status),
        );
        return list(invoices, "/v1/invoices", p);
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/invoices\/([^/]+)$/,
      handle: ({ match }) => {
        const invoice = state.invoices.get(match[1] ?? "");
        if (!invoice) throw noSuch("invoice", match[1] ?? "", "invoice", 404);
        return invoice;
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/invoices\/([^/]+)\/lines$/,
      handle: ({ match, params }) => {
        const invoice = state.invoices.get(match[1] ?? "");
        if (!invoice) throw noSuch("invoice", match[1] ?? "", "invoice", 404);
        return list(invoice.lines.data, invoice.lines.url, params);
      },
    },
    {
      method: "POST",
      pattern: /^\/v1\/billing\/meter_events$/,
      handle: ({ params: p }) => {
        checkKnown(p, ["event_name", "payload", "identifier", "timestamp"]);
        const eventName = reqString(p, "event_name");
        const payloadParam = optObject(p, "payload");
        if (!payloadParam) throw missing("payload");
        const payload: Record<string, string> = {};
        for (const [k, v] of Object.entries(payloadParam)) {
          if (typeof v !== "string") throw new ApiError(400, `Invalid string: ${JSON.stringify(v)}`, `payload[${k}]`);
          payload[k] = v;
        }
        if (!payload.stripe_customer_id) throw missing("payload[stripe_customer_id]");
        if (payload.value === undefined) throw missing("payload[value]");
        if (!/^-?\d+(\.\d+)?$/.test(payload.value)) throw new ApiError(400, `Invalid value: the payload's value must be a number (got '${payload.value}').`, "payload[value]");
        const now = nowSeconds();
        const timestamp = optInt(p, "timestamp") ?? now;
        if (timestamp < now - 35 * 86_400 || timestamp > now + 300) {
          throw new ApiError(400, "Timestamp must be within the past 35 calendar days and not more than 5 minutes in the future.", "timestamp");
        }
        const identifier = optString(p, "identifier") ?? randomBytes(16).toString("hex");
        if (state.meterEvents.some((e) => e.identifier === identifier)) {
          throw new ApiError(400, `An event already exists with identifier ${identifier}.`, "identifier", "resource_already_exists");
        }
        const event: Stripe.Billing.MeterEvent = { object: "billing.meter_event", created: now, event_name: eventName, identifier, livemode: false, payload, timestamp };
        state.meterEvents.push(event);
        return event;
      },
    },
  ];

  // ----- the HTTP layer ----------------------------------------------------------------------------------

  function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-cache, no-store", ...headers });
    res.end(body);
  }

  function errorBody(err: ApiError): string {
    return JSON.stringify({
      error: {
        ...(err.code ? { code: err.code, doc_url: `https://stripe.com/docs/error-codes/${err.code.replace(/_/g, "-")}` } : {}),
        message: err.message,
        ...(err.param ? { param: err.param } : {}),
        type: err.type,
      },
    });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
    const method = req.method ?? "GET";
    const raw = await readBody(req);
    const requestId = `req_${randomToken(14)}`;
    const idempotencyKey = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    const headers: Record<string, string> = { "request-id": requestId, "stripe-version": String(req.headers["stripe-version"] ?? Stripe.API_VERSION) };
    if (idempotencyKey) headers["idempotency-key"] = idempotencyKey;
    const record: RecordedRequest = { method, path, query: {}, body: {}, idempotencyKey, status: 0 };
    state.requests.push(record);
    const answer = (status: number, body: string, extra: Record<string, string> = {}) => {
      record.status = status;
      sendJson(res, status, body, { ...headers, ...extra });
    };

    try {
      record.query = parseStripeForm(query);
      record.body = parseStripeForm(raw);
    } catch (err) {
      return answer(400, errorBody(err as ApiError));
    }

    const auth = String(req.headers.authorization ?? "");
    const key = /^Bearer (.+)$/.exec(auth)?.[1]?.trim();
    if (!key) {
      return answer(
        401,
        errorBody(
          new ApiError(
            401,
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
          ),
        ),
      );
    }
    if (!/^sk_test_\w+$/.test(key)) {
      return answer(401, errorBody(new ApiError(401, `Invalid API Key provided: ${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`, undefined, "api_key_invalid")));
    }

    // Idempotency (POST only, as Stripe): the first answer is replayed; other parameters under the same key are an error.
    const fingerprint = `${key} ${method} ${path} ${raw}`;
    const idemKey = method === "POST" && idempotencyKey ? `${key} ${idempotencyKey}` : null;
    const saved = idemKey ? idempotent.get(idemKey) : undefined;
    if (saved) {
      if (saved.fingerprint !== fingerprint) {
        return answer(
          400,
          errorBody(
            new ApiError(
              400,
              `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
              undefined,
              undefined,
              "idempotency_error",
            ),
          ),
        );
      }
      return answer(saved.status, saved.body, { "idempotent-replayed": "true", "original-request": saved.requestId });
    }

    const params = method === "POST" ? record.body : record.query;
    const ctx: Omit<ApiContext, "match"> = { params, origin: { requestId, idempotencyKey }, events: [] };
    let status = 200;
    let body: string;
    try {
      let route: Route | undefined;
      let match: RegExpExecArray | null = null;
      for (const r of routes) {
        match = r.method === method ? r.pattern.exec(path) : null;
        if (match) {
          route = r;
          break;
        }
      }
      if (!route || !match) {
        throw new ApiError(404, `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
      }
      const expand = expandList(params);
      const result = snapshot(route.handle({ ...ctx, match }));
      expand.forEach((e, i) => expandPath(result, e.split("."), e, i));
      body = JSON.stringify(result, null, 2);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      status = err.status;
      body = errorBody(err);
      ctx.events.length = 0;
    }
    // Stripe keeps the answer of a request that ran (not one refused by validation) for its key.
    if (idemKey && status < 400) idempotent.set(idemKey, { fingerprint, status, body, requestId });
    answer(status, body);
    if (ctx.events.length) void enqueue(ctx.events);
  }

  // ----- hosted pages ------------------------------------------------------------------------------------

  function page(title: string, content: string): string {
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1f36}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem 0;border-bottom:1px solid #e3e8ee}
button{background:#635bff;color:#fff;border:0;border-radius:6px;padding:.6rem 1.2rem;font-size:1rem;cursor:pointer}
.note{color:#697386;font-size:.9rem}</style></head>
<body><main>${content}<p class="note">Stripe test double — no real payment is made.</p></main></body></html>`;
  }

  function sendHtml(res: ServerResponse, status: number, html: string): void {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(html);
  }

  function redirect(res: ServerResponse, location: string): void {
    res.writeHead(303, { location });
    res.end();
  }

  function linesTable(lines: Array<{ name: string; detail: string; amount: string }>): string {
    return `<table><tbody>${lines.map((l) => `<tr><td>${escapeHtml(l.name)}</td><td>${escapeHtml(l.detail)}</td><td>${escapeHtml(l.amount)}</td></tr>`).join("")}</tbody></table>`;
  }

  async function handlePage(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const method = req.method ?? "GET";
    let m = /^\/c\/pay\/([^/]+)$/.exec(path);
    if (m) {
      const id = decodeComponent(m[1] ?? "");
      const session = state.checkoutSessions.get(id);
      if (!session) {
        sendHtml(res, 404, page("Checkout", `<h1>Something went wrong</h1><p>The page you were looking for could not be found.</p>`));
        return true;
      }
      if (method === "POST") {
        const form = new URLSearchParams(await readBody(req));
        if (session.status !== "open") {
          sendHtml(res, 409, page("Checkout", `<h1>This Checkout Session is no longer active</h1>`));
          return true;
        }
        try {
          await completeCheckout(id, { email: form.get("email") || undefined, name: form.get("name") || undefined });
        } catch (err) {
          sendHtml(res, 409, page("Checkout", `<h1>This Checkout Session is no longer active</h1><p>${escapeHtml(err instanceof Error ? err.message : String(err))}</p>`));
          return true;
        }
        if (session.success_url) redirect(res, session.success_url.replace(/\{CHECKOUT_SESSION_ID\}/g, id));
        else sendHtml(res, 200, page("Checkout", `<h1>Thanks for subscribing</h1>`));
        return true;
      }
      if (session.status !== "open") {
        const back = session.success_url ? `<p><a href="${escapeHtml(session.success_url.replace(/\{CHECKOUT_SESSION_ID\}/g, id))}">Continue</a></p>` : "";
        sendHtml(res, 200, page("Checkout", `<h1>This Checkout Session is no longer active</h1><p>Status: ${escapeHtml(session.status ?? "")}</p>${back}`));
        return true;
      }
      const lines = (sessionLines.get(id) ?? []).map((l) => ({
        name: productName(l.price?.id ?? ""),
        detail: isMetered(l.price as Stripe.Price) ? `metered, ${money(l.price?.unit_amount ?? 0)} per unit / month` : `${l.quantity} × ${money(l.price?.unit_amount ?? 0)} / month`,
        amount: money(l.amount_total),
      }));
      const trial = sessionSubscriptionData.get(id)?.trialDays;
      const emailField = session.customer
        ? ""
        : `<p><label>Email <input type="email" name="email" autocomplete="email" value="${escapeHtml(session.customer_email ?? "")}"></label></p>`;
      const cancel = session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel</a></p>` : "";
      sendHtml(
        res,
        200,
        page(
          "Checkout",
          `<h1>Subscribe</h1>${linesTable(lines)}${trial ? `<p>${trial}-day free trial</p>` : ""}<p>Total due today: <strong data-testid="amount-total">${money(session.amount_total ?? 0)}</strong></p>
<form method="post" action="/c/pay/${encodeURIComponent(id)}">${emailField}<button type="submit">Pay and subscribe</button></form>${cancel}`,
        ),
      );
      return true;
    }

    m = /^\/p\/session\/([^/]+)(?:\/subscriptions\/([^/]+)\/(cancel|renew))?$/.exec(path);
    if (m) {
      const session = state.portalSessions.get(decodeComponent(m[1] ?? ""));
      if (!session) {
        sendHtml(res, 404, page("Billing", `<h1>This session has expired</h1>`));
        return true;
      }
      const base = `/p/session/${encodeURIComponent(session.id)}`;
      if (m[2] && m[3]) {
        if (method !== "POST") {
          redirect(res, base);
          return true;
        }
        await readBody(req);
        const sub = state.subscriptions.get(decodeComponent(m[2]));
        if (!sub || customerId(sub) !== session.customer || sub.status === "canceled") {
          sendHtml(res, 404, page("Billing", `<h1>Subscription not found</h1>`));
          return true;
        }
        const wanted = m[3] === "cancel";
        if (sub.cancel_at_period_end !== wanted) {
          const before = snapshot(sub);
          setCancelAtPeriodEnd(sub, wanted, nowSeconds());
          await enqueue([emit("customer.subscription.updated", sub, AUTOMATIC, changed(before, sub))]);
        }
        redirect(res, base);
        return true;
      }
      const subs = newestFirst(state.subscriptions.values()).filter((s) => customerId(s) === session.customer && s.status !== "canceled");
      const rows = subs
        .map((s) => {
          const period = currentPeriod(s);
          const names = s.items.data.map((i) => productName(i.price.id)).join(" + ");
          const amount = s.items.data.reduce((sum, i) => sum + (isMetered(i.price) ? 0 : (i.price.unit_amount ?? 0) * (i.quantity ?? 1)), 0);
          const when = s.cancel_at_period_end ? `Cancels on ${day(period.end)}` : `Renews on ${day(period.end)}`;
          const action = s.cancel_at_period_end
            ? `<form method="post" action="${base}/subscriptions/${encodeURIComponent(s.id)}/renew"><button type="submit">Renew plan</button></form>`
            : `<form method="post" action="${base}/subscriptions/${encodeURIComponent(s.id)}/cancel"><button type="submit">Cancel plan</button></form>`;
          return `<section data-testid="portal-subscription" data-subscription-id="${escapeHtml(s.id)}"><h2>${escapeHtml(names)}</h2><p>${money(amount)} per month · <span data-testid="subscription-status">${escapeHtml(s.status)}</span></p><p>${when}</p>${action}</section>`;
        })
        .join("");
      const invoices = newestFirst(state.invoices.values())
        .filter((i) => i.customer === session.customer)
        .map((i) => ({ name: i.number ?? i.id, detail: `${day(i.created)} · ${i.status ?? ""}`, amount: money(i.total) }));
      const back = session.return_url ? `<p><a href="${escapeHtml(session.return_url)}">Return</a></p>` : "";
      sendHtml(
        res,
        200,
        page("Billing", `<h1>Manage your billing</h1>${rows || "<p>No active subscription.</p>"}<h2>Invoice history</h2>${invoices.length ? linesTable(invoices) : "<p>No invoices.</p>"}${back}`),
      );
      return true;
    }

    m = /^\/i\/([^/]+)(\/pdf)?$/.exec(path);
    if (m && method === "GET") {
      const invoice = state.invoices.get(decodeComponent(m[1] ?? ""));
      if (!invoice) {
        sendHtml(res, 404, page("Invoice", `<h1>Invoice not found</h1>`));
        return true;
      }
      const lines = invoice.lines.data.map((l) => ({ name: l.description ?? "", detail: `${day(l.period.start)} – ${day(l.period.end)}`, amount: money(l.amount) }));
      if (m[2]) {
        const pdf = tinyPdf([`Invoice ${invoice.number}`, `Status: ${invoice.status}`, ...lines.map((l) => `${l.name}  ${l.amount}`), `Total: ${money(invoice.total)}`]);
        res.writeHead(200, { "content-type": "application/pdf", "content-disposition": `attachment; filename="Invoice-${invoice.number}.pdf"` });
        res.end(pdf);
        return true;
      }
      sendHtml(
        res,
        200,
        page(`Invoice ${invoice.number}`, `<h1>Invoice ${escapeHtml(invoice.number ?? "")}</h1><p>Status: ${escapeHtml(invoice.status ?? "")}</p>${linesTable(lines)}<p>Amount due: ${money(invoice.amount_due)} · Amount paid: ${money(invoice.amount_paid)}</p><p><a href="${escapeHtml(invoice.invoice_pdf ?? "")}">Download invoice</a></p>`),
      );
      return true;
    }
    return false;
  }

  /**
   * Test controls over HTTP, for a double running in another process (the Playwright run); no auth:
   *   POST /_double/checkout/sessions/:id/complete             {email?, name?} → completeCheckout
   *   POST /_double/subscriptions/:id/fail_next_payment        → { events }
   *   POST /_double/subscriptions/:id/advance_period           → { events }
   *   POST /_double/subscriptions/:id/pay_latest_invoice       → { events }
   *   POST /_double/webhook_url                                {url} → sets webhookUrl (null stops delivery)
   *   GET  /_double/events, GET /_double/deliveries
   */
  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (!path.startsWith("/_double/")) return false;
    const method = req.method ?? "GET";
    const raw = await readBody(req);
    const reply = (status: number, value: unknown) => sendJson(res, status, JSON.stringify(value, null, 2), {});
    try {
      let m: RegExpExecArray | null;
      if (method === "GET" && path === "/_double/events") return (reply(200, { events }), true);
      if (method === "GET" && path === "/_double/deliveries") return (reply(200, { deliveries: state.deliveries }), true);
      if (method === "POST" && path === "/_double/webhook_url") {
        const body = (raw ? JSON.parse(raw) : {}) as { url?: string | null };
        webhookUrl = body.url ?? null;
        return (reply(200, { webhookUrl }), true);
      }
      if (method === "POST" && (m = /^\/_double\/checkout\/sessions\/([^/]+)\/complete$/.exec(path))) {
        const body = (raw ? JSON.parse(raw) : {}) as { email?: string; name?: string };
        return (reply(200, await completeCheckout(m[1] ?? "", body)), true);
      }
      if (method === "POST" && (m = /^\/_double\/subscriptions\/([^/]+)\/(fail_next_payment|advance_period|pay_latest_invoice)$/.exec(path))) {
        const id = m[1] ?? "";
        const action = m[2] === "fail_next_payment" ? failNextPayment : m[2] === "advance_period" ? advancePeriod : payLatestInvoice;
        return (reply(200, { events: await action(id) }), true);
      }
      reply(404, { error: `Unknown control route: ${method} ${path}` });
    } catch (err) {
      reply(400, { error: err instanceof Error ? err.message : String(err) });
    }
    return true;
  }

  // ----- helpers exposed to tests ------------------------------------------------------------------------

  async function completeCheckout(sessionId: string, details?: { email?: string; name?: string }): Promise<CompletedCheckout> {
    const done = completeCheckoutNow(sessionId, details);
    await enqueue(done.events);
    // Copies as of completion (as the events carry them), so later changes to the records do not show through.
    return { subscription: snapshot(done.subscription), invoice: snapshot(done.invoice), events: done.events };
  }

  function subscriptionForHelper(id: string): Stripe.Subscription {
    const sub = state.subscriptions.get(id);
    if (!sub) throw new Error(`No such subscription: ${id}`);
    return sub;
  }

  async function failNextPayment(subscriptionId: string): Promise<Stripe.Event[]> {
    const out = renew(subscriptionForHelper(subscriptionId), "failed");
    await enqueue(out);
    return out;
  }

  async function advancePeriod(subscriptionId: string): Promise<Stripe.Event[]> {
    const out = renew(subscriptionForHelper(subscriptionId), "paid");
    await enqueue(out);
    return out;
  }

  async function payLatestInvoice(subscriptionId: string): Promise<Stripe.Event[]> {
    const sub = subscriptionForHelper(subscriptionId);
    const invoice = typeof sub.latest_invoice === "string" ? state.invoices.get(sub.latest_invoice) : undefined;
    if (!invoice || invoice.status !== "open") throw new Error(`Subscription ${subscriptionId} has no open latest invoice`);
    const before = snapshot(sub);
    payInvoice(invoice, nowSeconds());
    const out = [emit("invoice.paid", invoice, AUTOMATIC)];
    if (sub.status === "past_due") {
      sub.status = "active";
      out.push(emit("customer.subscription.updated", sub, AUTOMATIC, changed(before, sub)));
    }
    await enqueue(out);
    return out;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const run = async () => {
      if (path.startsWith("/v1/")) return handleApi(req, res, path, url.search.slice(1));
      if (await handleControl(req, res, path)) return;
      if (await handlePage(req, res, path)) return;
      if (path === "/" || path === "/health") return sendJson(res, 200, JSON.stringify({ ok: true, service: "stripe-double" }), {});
      sendHtml(res, 404, page("Not found", "<h1>Not found</h1>"));
    };
    run().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, JSON.stringify({ error: { type: "api_error", message: err instanceof Error ? err.message : String(err) } }), {});
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  publicUrl = (opts.publicUrl ?? url).replace(/\/+$/, "");

  const double: StripeDouble = {
    url,
    publicUrl,
    clientOptions: { host: "127.0.0.1", port, protocol: "http" },
    webhookSecret,
    get webhookUrl() {
      return webhookUrl;
    },
    set webhookUrl(value: string | null) {
      webhookUrl = value;
    },
    client: (apiKey = DEFAULT_API_KEY) => new Stripe(apiKey, { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0, telemetry: false }),
    state,
    events,
    completeCheckout,
    failNextPayment,
    advancePeriod,
    payLatestInvoice,
    signed,
    deliver: async (event, deliverOpts = {}) => {
      const target = deliverOpts.url ?? webhookUrl;
      if (!target) throw new Error("No webhook URL: set webhookUrl or pass opts.url");
      return post(target, event, deliverOpts);
    },
    flush: () => queue,
    close: async () => {
      await queue;
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
  return double;
}
