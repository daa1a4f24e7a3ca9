// Money is integer minor units plus an ISO currency; this module owns formatting money (and,
// later, rounding and allocation). No floats leave here except for display.
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
