import type { App } from "../app";
import { DomainError } from "../shared/errors";
import { singleFlight } from "../shared/single-flight";
import { billingPeriod, includedRequests, PLAN_TERMS, type BillingPlan, type PlanTerms } from "./plans";

/**
 * Usage and the plan's allowance on the ingest path (issue 11), without a database round trip per
 * request:
 *
 * - The group commit counts every stored record in `UsageHourly` (one upsert per account per flush, in
 *   the same transaction as the rows), by the hour it was ingested.
 * - Each instance holds a view of each active account's allowance (plan, limit, period, the count the
 *   database had) for ALLOWANCE_TTL_MS, and adds what it accepted since. Every instance re-reads the
 *   shared count that often, so together they overshoot a hard cap by at most about that many
 *   milliseconds of traffic. A webhook that changes the plan drops this instance's view at once.
 */
export const ALLOWANCE_TTL_MS = 2_000;

export interface AllowanceView {
  accountId: string;
  plan: BillingPlan;
  terms: PlanTerms;
  limit: number;
  periodStart: Date;
  periodEnd: Date;
  /** The count in the database when the view was read. */
  stored: number;
  /** Accepted by this instance since (not all committed yet). */
  pending: number;
}

const ownerOnce = singleFlight<string | null>();
const viewOnce = singleFlight<AllowanceView>();

/** The account a project's usage belongs to: its owner's (cached; ownership changes rarely). */
export async function accountOfProject(app: App, projectId: string): Promise<string | null> {
  const cached = app.caches.projectAccounts.get(projectId);
  if (cached) return cached;
  const owner = await ownerOnce(app, projectId, async () => {
    const m = await app.db.projectMember.findFirst({ where: { projectId, role: "owner" }, select: { userId: true }, orderBy: { createdAt: "asc" } });
    return m?.userId ?? null;
  });
  if (owner) app.caches.projectAccounts.set(projectId, owner);
  return owner;
}

/** Requests ingested for an account in [start, end): hours are counted whole (the hour holding `start` counts). */
export async function usageOf(db: App["db"], accountId: string, start: Date, end: Date): Promise<number> {
  const from = new Date(Math.floor(start.getTime() / 3_600_000) * 3_600_000);
  const agg = await db.usageHourly.aggregate({ where: { accountId, hour: { gte: from, lt: end } }, _sum: { requests: true } });
  return agg._sum.requests ?? 0;
}

export async function readAllowance(app: App, accountId: string, now = new Date()): Promise<AllowanceView> {
  const account = await app.db.billingAccount.findUnique({ where: { userId: accountId } });
  const plan = (account?.plan ?? "free") as BillingPlan;
  const period = billingPeriod(account, now);
  const stored = await usageOf(app.db, accountId, period.start, period.end);
  return { accountId, plan, terms: PLAN_TERMS[plan], limit: includedRequests(plan, account?.customMonthlyRequests ?? null), periodStart: period.start, periodEnd: period.end, stored, pending: 0 };
}

async function allowanceOf(app: App, accountId: string): Promise<AllowanceView> {
  const cached = app.caches.allowances.get(accountId);
  if (cached && cached.periodEnd.getTime() > Date.now()) return cached;
  const view = await viewOnce(app, accountId, () => readAllowance(app, accountId));
  app.caches.allowances.set(accountId, view);
  return view;
}

/** Drops this instance's view of an account (its plan changed). */
export function forgetAllowance(app: App, accountId: string): void {
  app.caches.allowances.delete(accountId);
}

/**
 * Before `n` records of a project are stored: returns the account they count for, after `rateLimit` ran
 * with the plan's per-minute cap (the caller takes the lower of it and the project's setting).
 * A Free account past its monthly volume is refused whole: 429 PLAN_LIMIT_EXCEEDED with Retry-After at
 * the period's end. Pro and Enterprise always pass (Pro's overage is billed).
 */
export async function takeAllowance(app: App, projectId: string, n: number, rateLimit: (ingestPerMinute: number) => Promise<void>): Promise<string | null> {
  const accountId = await accountOfProject(app, projectId);
  if (!accountId) {
    await rateLimit(PLAN_TERMS.free.ingestPerMinute);
    return null;
  }
  const view = await allowanceOf(app, accountId);
  const used = view.stored + view.pending;
  if (view.terms.hardCap && used + n > view.limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((view.periodEnd.getTime() - Date.now()) / 1000));
    throw new DomainError("PLAN_LIMIT_EXCEEDED", `The ${view.terms.label} plan's ${view.limit.toLocaleString("en-US")} requests for this period are used up; upgrade the plan or wait until ${view.periodEnd.toISOString()}`, {
      retryAfterSeconds,
      details: { plan: view.plan, limit: view.limit, used, periodEnd: view.periodEnd.toISOString() },
    });
  }
  // The per-minute limit (the plan's or the project's, whichever is lower) before the records count.
  await rateLimit(view.terms.ingestPerMinute);
  view.pending += n;
  return accountId;
}

/**
 * Operators (the `pnpm billing:set-plan` script): puts an account on a plan by hand, e.g. Enterprise
 * with a contract's monthly volume, or back to Free. Audited by the caller's shell history only; users
 * change plans through Stripe. Returns the allowance as it now stands.
 */
export async function setPlanByOperator(params: { app: App; email: string; plan: BillingPlan; monthlyRequests?: number | null }): Promise<AllowanceView> {
  const { app } = params;
  const user = await app.db.user.findUnique({ where: { email: params.email.trim().toLowerCase() }, select: { id: true } });
  if (!user) throw new DomainError("NOT_FOUND", `No account with the e-mail ${params.email}`);
  const data = { plan: params.plan, customMonthlyRequests: params.plan === "enterprise" ? (params.monthlyRequests ?? null) : null };
  await app.db.billingAccount.upsert({ where: { userId: user.id }, create: { userId: user.id, ...data }, update: data });
  forgetAllowance(app, user.id);
  return readAllowance(app, user.id);
}
