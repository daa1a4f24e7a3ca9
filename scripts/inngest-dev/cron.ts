// Cron expressions as Inngest accepts them, read by croner rather than a parser of our own: five
// fields (minute hour day-of-month month day-of-week), an optional `TZ=Area/City ` prefix (UTC
// otherwise), names (JAN, MON), ranges, lists, steps, L, and the @hourly-style macros. As in
// classic cron, when both day fields are restricted a day matches if either does.
import { Cron } from "croner";

export type CronSchedule = { expression: string; timeZone: string; cron: Cron };

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
  try {
    // paused: croner only computes times here; the executor's own timer fires runs, so that a
    // fired minute is remembered in its state across restarts.
    const cron = new Cron(rest, { paused: true, timezone: timeZone, mode: "5-part", sloppyRanges: true, domAndDow: false });
    return { expression, timeZone, cron };
  } catch (error) {
    throw new Error(`cron "${expression}": ${error instanceof Error ? error.message : String(error)}`);
  }
}

const MINUTE = 60_000;

// Whether the schedule fires in the minute that contains `date`.
export function cronMatches(s: CronSchedule, date: Date): boolean {
  return s.cron.match(new Date(Math.floor(date.getTime() / MINUTE) * MINUTE));
}

// The first minute strictly after `after` in which the schedule fires (undefined if it never does,
// e.g. "0 0 31 2 *").
export function nextCronTime(s: CronSchedule, after: Date): Date | undefined {
  return s.cron.nextRun(new Date(Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE - 1)) ?? undefined;
}
