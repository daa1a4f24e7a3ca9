// Money is integer minor units plus an ISO currency; this module owns formatting money and every
// rounding of it: the revenue pool of a pack's month and its split between contributors
// (DESIGN.md §4, §5). No floats in money paths; no floats leave here except for display.
const MINOR_UNITS: Record<string, number> = { jpy: 0, krw: 0 };

export function minorUnits(currency: string): number {
  return MINOR_UNITS[currency.toLowerCase()] ?? 2;
}

export function formatMoney(amountMinor: number, currency: string, opts: { compact?: boolean } = {}): string {
  const digits = minorUnits(currency);
  const whole = amountMinor / 10 ** digits;
  const isWhole = amountMinor % 10 ** digits === 0;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: opts.compact && isWhole ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(whole);
}

/** Minor units as a plain decimal string in major units, for files and programs: 1234 usd → "12.34", -5 → "-0.05", 1234 jpy → "1234". */
export function decimalAmount(amountMinor: number, currency: string): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`decimalAmount: ${amountMinor} is not an integer amount`);
  const digits = minorUnits(currency);
  const sign = amountMinor < 0 ? "-" : "";
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** A pack month's pool: floor(gross × revenueShareBps / 10000), in minor units. A gross at or below zero pools nothing. */
export function revenuePool(grossMinor: number, revenueShareBps: number): number {
  if (!Number.isSafeInteger(grossMinor) || !Number.isInteger(revenueShareBps) || revenueShareBps < 0 || revenueShareBps > 10_000) {
    throw new RangeError(`revenuePool: bad input ${grossMinor} × ${revenueShareBps} bps`);
  }
  if (grossMinor <= 0) return 0;
  return Number((BigInt(grossMinor) * BigInt(revenueShareBps)) / 10_000n);
}

export type Allocation<K extends string> = { key: K; weight: number; amount: number };

/**
 * Splits `total` minor units between keys in proportion to their (integer, non-negative) weights
 * with the largest-remainder method: everyone gets floor(total × weight / Σweights), and the cents
 * left over go one each to the largest remainders, ties broken by key (ascending), so the result
 * adds up to `total` exactly and does not depend on the order of the input. Exact in BigInt.
 * With no weight at all nothing is allocated (every amount 0).
 */
export function allocateLargestRemainder<K extends string>(total: number, weights: readonly { key: K; weight: number }[]): Allocation<K>[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`allocate: total must be a non-negative integer, got ${total}`);
  const seen = new Set<string>();
  for (const w of weights) {
    if (!Number.isSafeInteger(w.weight) || w.weight < 0) throw new RangeError(`allocate: weight of ${w.key} must be a non-negative integer`);
    if (seen.has(w.key)) throw new RangeError(`allocate: key ${w.key} appears twice`);
    seen.add(w.key);
  }
  const sorted = [...weights].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const sum = sorted.reduce((s, w) => s + BigInt(w.weight), 0n);
  if (sum === 0n) return sorted.map((w) => ({ ...w, amount: 0 }));
  const t = BigInt(total);
  const parts = sorted.map((w) => {
    const exact = t * BigInt(w.weight);
    return { ...w, floor: exact / sum, remainder: exact % sum };
  });
  let left = t - parts.reduce((s, p) => s + p.floor, 0n);
  const byRemainder = [...parts].sort((a, b) => (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1));
  const extra = new Set<string>();
  for (const p of byRemainder) {
    if (left === 0n) break;
    extra.add(p.key);
    left -= 1n;
  }
  return parts.map((p) => ({ key: p.key, weight: p.weight, amount: Number(p.floor) + (extra.has(p.key) ? 1 : 0) }));
}

/**
 * The one currency statements and payouts are kept in. A pack's revenue in another currency is not
 * converted or mixed into a statement: the statement computation refuses it explicitly (it is listed
 * and the month cannot be finalized until it is dealt with), and reconciliation reports it.
 */
export const STATEMENT_CURRENCY = "usd";

export function isStatementCurrency(currency: string): boolean {
  return currency.toLowerCase() === STATEMENT_CURRENCY;
}

/** Adds amounts of one currency; mixing currencies is a programming error, never a silent sum. */
export function sumMoney(items: readonly { amountMinor: number; currency: string }[], currency: string): number {
  let total = 0;
  for (const item of items) {
    if (item.currency.toLowerCase() !== currency.toLowerCase()) throw new RangeError(`sumMoney: ${item.currency} amount in a ${currency} sum`);
    total += item.amountMinor;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError("sumMoney: overflow");
  return total;
}

export type PayoutDecision = "pay" | "carry_forward_negative" | "carry_forward_under_minimum" | "carry_forward_payouts_disabled";

/** What happens to a finalized statement's total: paid out, or carried forward to the next month and why. */
export function payoutDecision(totalMinor: number, minPayoutMinor: number, payoutsEnabled: boolean): PayoutDecision {
  if (totalMinor < 0) return "carry_forward_negative";
  if (totalMinor < minPayoutMinor) return "carry_forward_under_minimum";
  if (!payoutsEnabled) return "carry_forward_payouts_disabled";
  return "pay";
}
