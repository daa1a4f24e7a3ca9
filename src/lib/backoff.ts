// Exponential backoff shared by everything that retries: the outbox relay and the dev executor.
// Deterministic on purpose (no jitter): the schedule is part of what tests check, and the callers
// retry few, independent items, so there is no thundering herd to spread.
export type BackoffOptions = { baseMs: number; maxMs: number; factor?: number };

// Delay before retry number `failures` (1 = after the first failure): base, base*2, base*4, … capped.
export function backoffMs(failures: number, { baseMs, maxMs, factor = 2 }: BackoffOptions): number {
  if (!Number.isFinite(failures) || failures < 1) return 0;
  const delay = baseMs * factor ** (failures - 1);
  return Math.min(maxMs, Math.round(delay));
}
