import { describe, expect, it } from "vitest";
import { cronMatches, nextCronTime, parseCron } from "./cron";

const at = (iso: string) => new Date(iso);

describe("cron schedules", () => {
  it("matches the hourly heartbeat at minute 0 of every hour, in UTC", () => {
    const s = parseCron("TZ=UTC 0 * * * *");
    expect(cronMatches(s, at("2026-11-26T15:00:00Z"))).toBe(true);
    expect(cronMatches(s, at("2026-11-26T15:00:59.999Z"))).toBe(true);
    expect(cronMatches(s, at("2026-11-26T15:01:00Z"))).toBe(false);
    expect(nextCronTime(s, at("2026-11-26T15:00:00Z"))).toEqual(at("2026-11-26T16:00:00Z"));
    expect(nextCronTime(s, at("2026-11-26T23:59:30Z"))).toEqual(at("2026-11-27T00:00:00Z"));
  });

  it("finds the monthly payout run: 06:00 UTC on the 5th", () => {
    const s = parseCron("TZ=UTC 0 6 5 * *");
    expect(nextCronTime(s, at("2026-11-26T15:00:00Z"))).toEqual(at("2026-12-05T06:00:00Z"));
    expect(nextCronTime(s, at("2026-12-05T06:00:00Z"))).toEqual(at("2027-01-05T06:00:00Z"));
    expect(cronMatches(s, at("2026-12-05T06:00:10Z"))).toBe(true);
    expect(cronMatches(s, at("2026-12-06T06:00:10Z"))).toBe(false);
  });

  it("reads lists, ranges, steps, names and macros", () => {
    const s = parseCron("*/15 9-17 * JAN,mar MON-FRI");
    expect([...s.minute]).toEqual([0, 15, 30, 45]);
    expect([...s.hour]).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect([...s.month]).toEqual([1, 3]);
    expect([...s.dayOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect([...parseCron("5/20 * * * *").minute]).toEqual([5, 25, 45]);
    expect([...parseCron("0 0 * * 7").dayOfWeek]).toEqual([0]);
    expect(nextCronTime(parseCron("@daily"), at("2026-11-26T15:00:00Z"))).toEqual(at("2026-11-27T00:00:00Z"));
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
    expect(cronMatches(s, at("2026-12-01T08:00:00Z"))).toBe(true);
    expect(nextCronTime(s, at("2026-07-01T00:00:00Z"))).toEqual(at("2026-07-01T07:00:00Z"));
  });

  it("rejects what it cannot read, naming the field", () => {
    expect(() => parseCron("0 * * *")).toThrow(/expected 5 fields/);
    expect(() => parseCron("60 * * * *")).toThrow(/minute "60" is not in 0-59/);
    expect(() => parseCron("0 0 L * *")).toThrow(/day of month "L"/);
    expect(() => parseCron("*/0 * * * *")).toThrow(/zero step/);
    expect(() => parseCron("TZ=Mars/Olympus 0 * * * *")).toThrow(/unknown time zone/);
    expect(nextCronTime(parseCron("0 0 31 2 *"), at("2026-01-01T00:00:00Z"))).toBeUndefined();
  });
});
