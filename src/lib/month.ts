// Months are attributed in UTC and stored as their first day (revenue, contributions, statements).
export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

// The first day of the month of a calendar date written YYYY-MM-DD, or null when it is not a real
// date (2026-02-30, 2026-13-01): any real day names its month.
export function monthOfDay(text: string): Date | null {
  const match = DAY_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return monthStart(date);
}

// A month written YYYY-MM (as in page URLs and file names), as its first day; null when not a month.
export function parseMonthKey(text: string): Date | null {
  const match = MONTH_PATTERN.exec(text);
  return match ? monthOfDay(`${match[1]}-${match[2]}-01`) : null;
}

// 2026-03-01 → "2026-03".
export function monthKey(month: Date): string {
  return month.toISOString().slice(0, 7);
}

// 2026-03-01 → "2026-03-01": how the API writes a month.
export function monthDay(month: Date): string {
  return month.toISOString().slice(0, 10);
}

export function addMonths(month: Date, count: number): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + count, 1));
}

// "March 2026", in UTC like every month here.
export function formatMonth(month: Date | string): string {
  const date = typeof month === "string" ? new Date(month.length === 7 ? `${month}-01` : month) : month;
  return new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", timeZone: "UTC" }).format(date);
}

// A month from "YYYY-MM" or any real date "YYYY-MM-DD" (meaning its month); null when it names none.
export function parseMonth(text: string): Date | null {
  return monthOfDay(text) ?? parseMonthKey(text);
}
