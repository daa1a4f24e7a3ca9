// Months are attributed in UTC and stored as their first day (revenue, contributions, statements).
export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

// The first day of the month `count` months after (or before, when negative) the month of `date`.
export function addMonths(date: Date, count: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + count, 1));
}

// "2026-11-01": a month as the API writes it.
export function isoMonth(date: Date): string {
  return monthStart(date).toISOString().slice(0, 10);
}

// "November 2026", as people read a month (UTC).
export function formatMonth(date: Date | string): string {
  const d = typeof date === "string" ? new Date(`${date.slice(0, 7)}-01T00:00:00Z`) : date;
  return new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(d);
}
