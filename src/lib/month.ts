// Months are attributed in UTC and stored as their first day (revenue, contributions, statements).
export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

// "YYYY-MM" of a month (its key in idempotency keys, URLs and the CLI).
export function monthKey(month: Date): string {
  return month.toISOString().slice(0, 7);
}

// A month from "YYYY-MM" (or any real date "YYYY-MM-DD", meaning its month); null when not real.
export function parseMonth(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return monthStart(date);
}

export function addMonths(month: Date, n: number): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + n, 1));
}

// "YYYY-MM-01", the SQL date literal of a month.
export function monthDate(month: Date): string {
  return `${monthKey(month)}-01`;
}
