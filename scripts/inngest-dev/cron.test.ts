import { describe, expect, it } from "vitest";
import { Cron } from "croner";
import { cronMatches, nextCronTime, parseCron } from "./cron";

const at = (iso: string) => new Date(iso);
const nextTimes = (expression: string, from: string, n: number) => {
  const s = parseCron(expression);
  const out: string[] = [];
  let t = at(from);
  for (let i = 0; i < n; i++) {
    t = nextCronTime(s, t)!;
    out.push(t.toISOString());
  }
  return out;
};

describe("cron schedules (read by croner)", () => {
  it("uses croner, not a parser of its own", () => {
    expect(parseCron("0 * * * *").cron).toBeInstanceOf(Cron);
  });

  it("matches the hourly heartbeat at minute 0 of every hour, in UTC", () => {
    const s = parseCron("TZ=UTC 0 * * * *");
    expect(cronMatches(s, at("2026-11-26T15:00:00Z"))).toBe(true);
    expect(cronMatches(s, at("2026-11-26T15:00:59.999Z"))).toBe(true);
    expect(cronMatches(s, at("2026-11-26T15:01:00Z"))).toBe(false);
    expect(nextCronTime(s, at("2026-11-26T15:00:00Z"))).toEqual(at("2026-11-26T16:00:00Z"));
    expect(nextCronTime(s, at("2026-11-26T23:59:30Z"))).toEqual(at("2026-11-27T00:00:00Z"));
  });

  it("fires */5 every five minutes and not between", () => {
    const s = parseCron("*/5 * * * *");
    expect(cronMatches(s, at("2026-11-26T15:05:40Z"))).toBe(true);
    expect(cronMatches(s, at("2026-11-26T15:06:00Z"))).toBe(false);
    expect(nextTimes("*/5 * * * *", "2026-11-26T15:05:00Z", 3)).toEqual([
      "2026-11-26T15:10:00.000Z",
      "2026-11-26T15:15:00.000Z",
      "2026-11-26T15:20:00.000Z",
    ]);
    // From inside a due minute, the next time is the next due minute, not this one.
    expect(nextCronTime(s, at("2026-11-26T15:05:30Z"))).toEqual(at("2026-11-26T15:10:00Z"));
  });

  it("finds the monthly payout run: 06:00 UTC on the 5th", () => {
    const s = parseCron("TZ=UTC 0 6 5 * *");
    expect(nextCronTime(s, at("2026-11-26T15:00:00Z"))).toEqual(at("2026-12-05T06:00:00Z"));
    expect(nextCronTime(s, at("2026-12-05T06:00:00Z"))).toEqual(at("2027-01-05T06:00:00Z"));
    expect(cronMatches(s, at("2026-12-05T06:00:10Z"))).toBe(true);
    expect(cronMatches(s, at("2026-12-06T06:00:10Z"))).toBe(false);
  });

  it("reads lists, ranges, steps, names, L and macros", () => {
    expect(nextTimes("*/15 9-17 * JAN,mar MON-FRI", "2026-12-31T23:59:00Z", 3)).toEqual([
      "2027-01-01T09:00:00.000Z", // a Friday
      "2027-01-01T09:15:00.000Z",
      "2027-01-01T09:30:00.000Z",
    ]);
    expect(nextTimes("5/20 * * * *", "2026-11-26T15:00:00Z", 3)).toEqual([
      "2026-11-26T15:05:00.000Z",
      "2026-11-26T15:25:00.000Z",
      "2026-11-26T15:45:00.000Z",
    ]);
    // 7 is Sunday too; 2026-11-29 is a Sunday.
    expect(nextCronTime(parseCron("0 0 * * 7"), at("2026-11-26T00:00:00Z"))).toEqual(at("2026-11-29T00:00:00Z"));
    expect(nextCronTime(parseCron("@daily"), at("2026-11-26T15:00:00Z"))).toEqual(at("2026-11-27T00:00:00Z"));
    expect(nextCronTime(parseCron("0 0 L * *"), at("2026-02-01T00:00:00Z"))).toEqual(at("2026-02-28T00:00:00Z"));
  });

  it("fires on either restricted day field, as classic cron does", () => {
    // The 1st of the month or any Monday, at midnight. 2026-11-30 is a Monday.
    const s = parseCron("0 0 1 * 1");
    expect(nextCronTime(s, at("2026-11-26T00:00:00Z"))).toEqual(at("2026-11-30T00:00:00Z"));
    expect(nextCronTime(s, at("2026-11-30T00:00:00Z"))).toEqual(at("2026-12-01T00:00:00Z"));
  });

  it("reads the wall clock of the given time zone", () => {
    const s = parseCron("TZ=Europe/Paris 0 9 * * *");
    // Paris is UTC+1 in winter, UTC+2 in summer.
    expect(cronMatches(s, at("2026-12-01T08:00:30Z"))).toBe(true);
    expect(nextCronTime(s, at("2026-07-01T00:00:00Z"))).toEqual(at("2026-07-01T07:00:00Z"));
  });

  it("rejects what it cannot read, naming the expression", () => {
    expect(() => parseCron("0 * * *")).toThrow(/cron "0 \* \* \*".*five/);
    expect(() => parseCron("60 * * * *")).toThrow(/cron "60 \* \* \* \*"/);
    expect(() => parseCron("* * * * * *")).toThrow(/cron/);
    expect(() => parseCron("TZ=Mars/Olympus 0 * * * *")).toThrow(/unknown time zone/);
    expect(nextCronTime(parseCron("0 0 31 2 *"), at("2026-01-01T00:00:00Z"))).toBeUndefined();
  });
});
