import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, parseRowsRequest } from "./rows-request";

describe("rows request parameters", () => {
  it("defaults to 100 rows of JSON from the start", () => {
    expect(parseRowsRequest("")).toEqual({ limit: 100, afterId: 0n, format: "json" });
    expect(parseRowsRequest(`limit=1000&format=csv&cursor=${encodeCursor(42n)}`)).toEqual({ limit: 1000, afterId: 42n, format: "csv" });
  });

  it("round-trips every row id through a cursor, and accepts no other spelling", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), (id) => {
        expect(decodeCursor(encodeCursor(id))).toBe(id);
        expect(decodeCursor(`${encodeCursor(id)}=`)).toBeNull();
      }),
    );
    for (const bad of ["", "!", "LTE", Buffer.from("007").toString("base64url"), Buffer.from(String(2n ** 63n)).toString("base64url"), "a".repeat(40)]) {
      expect(decodeCursor(bad), bad).toBeNull();
    }
  });

  it("never throws anything but invalid_request, whatever the query string", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (search) => {
        try {
          parseRowsRequest(search);
        } catch (error) {
          expect(error).toMatchObject({ appCode: "invalid_request" });
        }
      }),
    );
  });
});
