// What every part of the fake shares: state, the event bus, where it is served, and the switch
// that makes the next payment fail.
import type Stripe from "stripe";
import type { EventBus, EventRequest, Logger } from "./events";
import type { Store } from "./store";

export type FakeContext = {
  store: Store;
  bus: EventBus;
  log: Logger;
  baseUrl: string;
  failNextPayment: boolean;
  // Each API answer waits a random time in this range after it is computed, as a network does: an
  // object fetched "now" may reach the app after it has already changed.
  apiLatencyMs: { min: number; max: number };
};

// Events caused by the fake's own pages and controls carry no API request, as in Stripe.
export const NO_REQUEST: EventRequest = { id: null, idempotency_key: null };

export function takeFailNextPayment(ctx: FakeContext): boolean {
  const fail = ctx.failNextPayment;
  ctx.failNextPayment = false;
  return fail;
}

const DAY = 86_400;

// The n-th period boundary after `anchor`. Monthly periods keep the anchor's day of month and
// fall back to the month's last day (Jan 31 -> Feb 28 -> Mar 31), as Stripe bills them.
export function periodBoundary(anchor: number, interval: Stripe.Price.Recurring.Interval, count: number, n: number): number {
  if (interval === "day") return anchor + n * count * DAY;
  if (interval === "week") return anchor + n * count * 7 * DAY;
  const months = n * count * (interval === "year" ? 12 : 1);
  const d = new Date(anchor * 1000);
  const target = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000;
}

export function nextPeriodEnd(anchor: number, recurring: Stripe.Price.Recurring | null, after: number): number {
  const interval = recurring?.interval ?? "month";
  const count = recurring?.interval_count ?? 1;
  for (let n = 1; ; n++) {
    const boundary = periodBoundary(anchor, interval, count, n);
    if (boundary > after) return boundary;
  }
}

export const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value == null ? null : typeof value === "string" ? value : value.id;

// Top-level fields whose value changed, with their old value, as Stripe reports updates.
export function previousAttributes(before: object, after: object): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) previous[key] = b[key] ?? null;
  }
  return previous;
}
