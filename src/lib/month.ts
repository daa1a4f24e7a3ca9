// Months are attributed in UTC and stored as their first day (revenue, contributions, statements).
export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}
