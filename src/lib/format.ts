// Numbers and dates as people read them (en-US; dates in UTC, like billing periods).
export function formatCount(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}

export function formatDate(date: Date | string): string {
  return new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(date),
  );
}

// e.g. "03:00 UTC": the time of day something was made, beside its formatDate.
export function formatTimeUtc(date: Date | string): string {
  const text = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" }).format(new Date(date));
  return `${text} UTC`;
}

const BYTE_UNITS = ["bytes", "KB", "MB", "GB", "TB"] as const;

// File sizes in decimal units, as file managers and S3 consoles show them: 999 bytes, 1.2 KB, 34 MB.
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${formatCount(bytes)} ${bytes === 1 ? "byte" : "bytes"}`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = value < 10 ? 1 : 0;
  // Rounding may reach the next unit (999.96 KB): say 1.0 MB, not 1000 KB.
  if (Number(value.toFixed(digits)) >= 1000 && unit < BYTE_UNITS.length - 1) return `1.0 ${BYTE_UNITS[unit + 1]}`;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}
