import { describe, expect, it } from "vitest";
import { compilePayloadValidator, isIsoTimestamp, MAX_STRING_LENGTH, schemaColumns } from "./payload-validator";

const schema = [
  { name: "city", type: "string", description: "City" },
  { name: "trips", type: "integer", description: "Trips" },
  { name: "share", type: "number", description: "Share" },
  { name: "open", type: "boolean", description: "Open" },
  { name: "at", type: "timestamp", description: "Hour" },
  { name: "day", type: "date", description: "Day" },
];
const valid = { city: "Oslo", trips: 12, share: 0.25, open: true, at: "2026-11-20T10:00:00Z", day: "2026-11-20" };
const validate = compilePayloadValidator(schema);

describe("the payload validator compiled from a pack's row schema", () => {
  it("takes a row with exactly the pack's columns, each of its type", () => {
    expect(validate(valid)).toBeNull();
    expect(validate({ ...valid, at: "2026-11-20T10:00:00.123+01:00", trips: -3, share: 7, city: "" })).toBeNull();
    expect(validate({ ...valid, city: "x".repeat(MAX_STRING_LENGTH) })).toBeNull();
  });

  it("names what is wrong: a missing column, an extra one, a value of the wrong type", () => {
    const { trips: _, ...missing } = valid;
    const cases: Array<[unknown, RegExp]> = [
      [missing, /missing the column trips/],
      [{}, /missing the columns city, trips, share, open, at, day/],
      [{ ...valid, extra: 1 }, /column the pack does not: "extra"/],
      [{ ...valid, trips: 1.5 }, /payload.trips must be an integer, not 1.5/],
      [{ ...valid, trips: 2 ** 53 }, /payload.trips must be an integer/],
      [{ ...valid, trips: "12" }, /payload.trips must be an integer, not "12"/],
      [{ ...valid, share: null }, /payload.share must be a finite number, not null/],
      [{ ...valid, open: "true" }, /payload.open must be true or false/],
      [{ ...valid, at: "2026-11-20 10:00" }, /payload.at must be an ISO 8601 date-time with a zone/],
      [{ ...valid, at: "2026-11-20T10:00:00" }, /payload.at must be an ISO 8601/],
      [{ ...valid, day: "2026-02-30" }, /payload.day must be a date YYYY-MM-DD/],
      [{ ...valid, city: "a\u0000b" }, /payload.city must be a string .* without NUL/],
      [{ ...valid, city: "\ud800" }, /payload.city must be a string/],
      [{ ...valid, city: "x".repeat(MAX_STRING_LENGTH + 1) }, /payload.city must be a string of at most/],
      [{ ...valid, city: { nested: true } }, /payload.city must be a string .*, not an object/],
      [JSON.parse('{"__proto__": 1}'), /column the pack does not: "__proto__"/],
      [[valid], /payload must be an object .*, not an array/],
      [null, /not null/],
      ["Oslo", /payload must be an object/],
    ];
    for (const [payload, message] of cases) expect(validate(payload), JSON.stringify(payload)).toMatch(message);
  });

  it("refuses every session of a pack whose stored schema is not one", () => {
    expect(schemaColumns({ not: "an array" })).toBeNull();
    expect(schemaColumns([{ name: "x", type: "blob" }])).toBeNull();
    expect(compilePayloadValidator([{ name: "x", type: "blob" }])({ x: 1 })).toMatch(/cannot take sessions/);
  });

  it("reads ISO 8601 timestamps with a zone only", () => {
    for (const ok of ["2026-11-20T10:00Z", "2026-11-20T10:00:00Z", "2026-11-20T10:00:00.5-05:30"]) expect(isIsoTimestamp(ok), ok).toBe(true);
    for (const bad of ["2026-11-20", "2026-11-20T10:00:00", "2026-13-20T10:00:00Z", "yesterday", "2026-11-20T10:00:00Z ", `${"9".repeat(40)}Z`]) {
      expect(isIsoTimestamp(bad), bad).toBe(false);
    }
  });
});
