import { describe, expect, it } from "vitest";
import { delayUntil } from "./time";
import { evaluateExpression, matchFunctions } from "./triggers";
import type { AppRecord, FunctionConfig } from "./types";

const fn = (id: string, triggers: FunctionConfig["triggers"]): FunctionConfig => ({ id, triggers, steps: {} });
const app: AppRecord = {
  id: "app",
  url: "http://127.0.0.1/api/inngest",
  syncedAt: "2026-11-26T00:00:00Z",
  functions: [
    fn("app-exact", [{ event: "shop/order.paid" }]),
    fn("app-wildcard", [{ event: "shop/*" }]),
    fn("app-cron", [{ cron: "0 * * * *" }]),
    fn("app-failure", [{ event: "inngest/function.failed", expression: "event.data.function_id == 'app-exact'" }]),
  ],
};
const event = (name: string, data: Record<string, unknown> = {}) => ({ id: "e1", name, data, ts: 0 });

describe("matching events to functions", () => {
  it("matches exact names and trailing wildcards, never cron functions", () => {
    expect(matchFunctions([app], event("shop/order.paid")).map((m) => m.fn.id)).toEqual(["app-exact", "app-wildcard"]);
    expect(matchFunctions([app], event("shop/cart.created")).map((m) => m.fn.id)).toEqual(["app-wildcard"]);
    expect(matchFunctions([app], event("other/thing"))).toEqual([]);
  });

  it("evaluates the comparisons a failure handler's trigger uses", () => {
    const failed = (functionId: string) => matchFunctions([app], event("inngest/function.failed", { function_id: functionId }));
    expect(failed("app-exact").map((m) => m.fn.id)).toEqual(["app-failure"]);
    expect(failed("app-other")).toEqual([]);
  });

  it("understands ==, != and && over event paths and literals, and nothing more", () => {
    const vars = { event: { data: { n: 3, ok: true, name: "a'b", missing: null } } };
    expect(evaluateExpression("event.data.n == 3 && event.data.ok == true", vars)).toBe(true);
    expect(evaluateExpression("event.data.name == 'a\\'b' && event.data.n != 4", vars)).toBe(true);
    expect(evaluateExpression('event.data.nope == null && event.data.n == "3"', vars)).toBe(false);
    expect(evaluateExpression("event.data.n > 2", vars)).toBe("unsupported");
    expect(evaluateExpression("event.data.n == 3 || true", vars)).toBe("unsupported");
    let warned = "";
    const odd = { ...app, functions: [fn("odd", [{ event: "x", expression: "size(event.data) > 0" }])] };
    expect(matchFunctions([odd], event("x"), (m) => (warned = m))).toEqual([]);
    expect(warned).toMatch(/not supported by the dev executor/);
  });
});

describe("durations", () => {
  it("reads time strings, seconds and dates", () => {
    const now = Date.parse("2026-11-26T00:00:00Z");
    expect(delayUntil("300ms", now)).toBe(300);
    expect(delayUntil("2h45m", now)).toBe(9_900_000);
    expect(delayUntil("1.5s", now)).toBe(1500);
    expect(delayUntil("30", now)).toBe(30_000);
    expect(delayUntil("2026-11-26T00:00:05.000Z", now)).toBe(5000);
    expect(delayUntil("2026-11-25T00:00:00Z", now)).toBe(0);
    expect(() => delayUntil("soon", now)).toThrow(/not a duration/);
  });
});
