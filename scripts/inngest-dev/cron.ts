// Cron expressions as Inngest accepts them: five fields (minute hour day-of-month month
// day-of-week), an optional `TZ=Area/City ` prefix (UTC otherwise), names (JAN, MON), ranges,
// lists, steps and the @hourly-style macros.
export type CronSchedule = {
  expression: string;
  timeZone: string;
  minute: Set<number>;
  hour: Set<number>;
  dayOfMonth: Set<number>;
  month: Set<number>;
  dayOfWeek: Set<number>;
  // Classic cron: when both day fields are restricted, a day matches if either does.
  dayOfMonthAny: boolean;
  dayOfWeekAny: boolean;
};

const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

type FieldSpec = { name: string; min: number; max: number; names?: string[]; namesFrom?: number };

const FIELDS: FieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: "day of week", min: 0, max: 7, names: DAYS, namesFrom: 0 },
];

export function parseCron(expression: string): CronSchedule {
  let rest = expression.trim();
  let timeZone = "UTC";
  const tz = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(rest);
  if (tz) {
    timeZone = tz[1]!;
    rest = tz[2]!.trim();
    try {
      new Intl.DateTimeFormat("en-US", { timeZone });
    } catch {
      throw new Error(`cron "${expression}": unknown time zone ${timeZone}`);
    }
  }
  rest = MACROS[rest.toLowerCase()] ?? rest;
  const parts = rest.split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${expression}": expected 5 fields, got ${parts.length}`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parts.map((p, i) => parseField(p, FIELDS[i]!, expression));
  // 7 is Sunday too.
  if (dayOfWeek!.delete(7)) dayOfWeek!.add(0);
  return {
    expression,
    timeZone,
    minute: minute!,
    hour: hour!,
    dayOfMonth: dayOfMonth!,
    month: month!,
    dayOfWeek: dayOfWeek!,
    dayOfMonthAny: /^[*?]$/.test(parts[2]!),
    dayOfWeekAny: /^[*?]$/.test(parts[4]!),
  };
}

function parseField(text: string, spec: FieldSpec, expression: string): Set<number> {
  const fail = (why: string): never => {
    throw new Error(`cron "${expression}": ${spec.name} "${text}" ${why}`);
  };
  const value = (token: string): number => {
    const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
    const n = index >= 0 ? index + spec.namesFrom! : /^\d+$/.test(token) ? Number(token) : NaN;
    if (!Number.isInteger(n) || n < spec.min || n > spec.max) fail(`is not in ${spec.min}-${spec.max}`);
    return n;
  };
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!m) fail("is not valid");
    const [, range, stepText] = m!;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) fail("has a zero step");
    let from: number;
    let to: number;
    if (range === "*" || range === "?") [from, to] = [spec.min, spec.max];
    else if (range!.includes("-")) {
      const [a, b] = range!.split("-");
      [from, to] = [value(a!), value(b!)];
      if (from > to) fail("has a range that runs backwards");
    } else {
      from = value(range!);
      to = stepText === undefined ? from : spec.max;
    }
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}

type WallClock = { month: number; day: number; weekday: number; hour: number; minute: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(date: Date, timeZone: string): WallClock {
  if (timeZone === "UTC" || timeZone === "Etc/UTC") {
    return { month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay(), hour: date.getUTCHours(), minute: date.getUTCMinutes() };
  }
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", month: "numeric", day: "numeric", weekday: "short", hour: "numeric", minute: "numeric" });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: DAYS.indexOf(String(parts.weekday).toUpperCase()),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

function dayMatches(s: CronSchedule, w: WallClock): boolean {
  const dom = s.dayOfMonth.has(w.day);
  const dow = s.dayOfWeek.has(w.weekday);
  if (!s.dayOfMonthAny && !s.dayOfWeekAny) return dom || dow;
  return dom && dow;
}

// Whether the schedule fires in the minute that contains `date`.
export function cronMatches(s: CronSchedule, date: Date): boolean {
  const w = wallClock(date, s.timeZone);
  return s.month.has(w.month) && dayMatches(s, w) && s.hour.has(w.hour) && s.minute.has(w.minute);
}

const MINUTE = 60_000;

// The first minute strictly after `after` in which the schedule fires (undefined if none within
// about five years, e.g. "0 0 31 2 *"). Skips whole days and hours that cannot match.
export function nextCronTime(s: CronSchedule, after: Date): Date | undefined {
  let t = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
  const limit = t + 5 * 366 * 24 * 60 * MINUTE;
  while (t < limit) {
    const w = wallClock(new Date(t), s.timeZone);
    if (!s.month.has(w.month) || !dayMatches(s, w)) t += (24 * 60 - (w.hour * 60 + w.minute)) * MINUTE;
    else if (!s.hour.has(w.hour)) t += (60 - w.minute) * MINUTE;
    else if (!s.minute.has(w.minute)) t += MINUTE;
    else return new Date(t);
  }
  return undefined;
}
