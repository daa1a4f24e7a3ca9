import { describe, expect, it } from "vitest";
import { acceptedWindow, sessionsOf } from "./ingest-sessions";

const at = (iso: string) => new Date(iso);

describe("the sessions ingest accepts", () => {
  it("are of the current month, of the previous one during its first three days, and at most 5 minutes ahead", () => {
    expect(acceptedWindow(at("2026-11-30T12:00:00Z"))).toEqual({ from: at("2026-11-01T00:00:00Z"), until: at("2026-11-30T12:05:00Z") });
    expect(acceptedWindow(at("2026-12-03T23:59:59Z")).from).toEqual(at("2026-11-01T00:00:00Z"));
    expect(acceptedWindow(at("2026-12-04T00:00:00Z")).from).toEqual(at("2026-12-01T00:00:00Z"));
    expect(acceptedWindow(at("2027-01-02T08:00:00Z")).from).toEqual(at("2026-12-01T00:00:00Z"));
  });

  it("come as a batch of 1 to 1,000 sessions, or the request is refused whole", () => {
    expect(sessionsOf({ sessions: [1] })).toEqual([1]);
    for (const body of [null, [], "x", { sessions: {} }, { sessions: [] }, { sessions: Array(1001).fill({}) }, {}]) {
      expect(() => sessionsOf(body)).toThrow(expect.objectContaining({ appCode: "invalid_request" }));
    }
  });
});
