// Inngest's time strings ("300ms", "2h45m", "1d") and ISO dates, as used by step.sleep /
// step.sleepUntil and the Retry-After header.
const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

// Milliseconds from `now` until the given duration or date has passed (never negative).
export function delayUntil(value: string, now: number): number {
  const trimmed = value.trim();
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/g)];
  if (parts.length > 0 && parts.map((p) => p[0]).join("") === trimmed) {
    return Math.round(parts.reduce((ms, [, n, unit]) => ms + Number(n) * UNITS[unit!]!, 0));
  }
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000; // Retry-After in seconds
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) throw new Error(`not a duration or date: "${value}"`);
  return Math.max(0, date - now);
}
