import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Executor } from "./executor";
import { StateStore } from "./state";
import type { FunctionConfig } from "./types";

// No app answers at this URL: runs are created and then wait, which is all these tests look at.
const fn = (id: string, triggers: FunctionConfig["triggers"]): FunctionConfig => ({
  id: `shop-${id}`,
  triggers,
  steps: { step: { id: "step", name: "step", runtime: { type: "http", url: "http://127.0.0.1:9/api/inngest?fnId=x&stepId=step" } } },
});
const sync = { appName: "shop", url: "http://127.0.0.1:9/api/inngest", functions: [fn("on-paid", [{ event: "shop/order.paid" }]), fn("nightly", [{ cron: "0 3 * * *" }])] };

const open: Array<{ executor: Executor; dir: string }> = [];
async function newExecutor() {
  const dir = mkdtempSync(join(tmpdir(), "inngest-executor-"));
  const store = await StateStore.open(join(dir, "state.json"));
  const executor = new Executor(store, { log: () => undefined, concurrency: 1, retryBackoff: { baseMs: 60_000, maxMs: 60_000 }, maxSleepMs: 0, callTimeoutMs: 1000, cron: false });
  open.push({ executor, dir });
  return executor;
}
afterEach(async () => {
  for (const { executor, dir } of open.splice(0)) {
    await executor.close();
    await executor.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

const runsOf = (executor: Executor) => Object.values(executor.state.runs);

describe("the executor's events", () => {
  it("starts a run per matching function, and never twice for the same event id", async () => {
    const executor = await newExecutor();
    executor.register(sync);
    expect(executor.receiveEvents({ id: "evt-1", name: "shop/order.paid", data: { n: 1 } })).toEqual(["evt-1"]);
    expect(executor.receiveEvents([{ id: "evt-1", name: "shop/order.paid", data: { n: 2 } }])).toEqual(["evt-1"]);
    expect(runsOf(executor)).toHaveLength(1);
    expect(runsOf(executor)[0]).toMatchObject({ functionId: "shop-on-paid", event: { id: "evt-1", data: { n: 1 } }, maxAttempts: 4 });

    const [generated] = executor.receiveEvents({ name: "shop/order.paid" });
    expect(generated).toMatch(/^[0-9a-z]{19}$/);
    expect(runsOf(executor)).toHaveLength(2);
    executor.receiveEvents({ name: "shop/unrelated" });
    expect(runsOf(executor)).toHaveLength(2);
  });

  it("keeps events that arrive before any app has synced, and runs them at the first sync", async () => {
    const executor = await newExecutor();
    executor.receiveEvents({ id: "early", name: "shop/order.paid" });
    expect(executor.state.events[0]).toMatchObject({ status: "queued", runIds: [] });
    executor.register(sync);
    expect(executor.state.events[0]).toMatchObject({ status: "processed", runIds: [expect.any(String)] });
    expect(runsOf(executor)[0]?.event.id).toBe("early");
  });

  it("refuses events without a name or with data that is not an object", async () => {
    const executor = await newExecutor();
    expect(() => executor.receiveEvents({ data: {} })).toThrow(/a name is required/);
    expect(() => executor.receiveEvents([{ name: "ok" }, { name: "x", data: [1] }])).toThrow(/event 1: data must be an object/);
    expect(executor.state.events).toEqual([]);
  });
});

describe("triggering by hand and on schedule", () => {
  it("gives a cron function its schedule's event, and an event function its trigger's event", async () => {
    const executor = await newExecutor();
    executor.register(sync);
    expect(executor.trigger("nightly").event).toMatchObject({ name: "inngest/scheduled.timer", data: { cron: "0 3 * * *" } });
    expect(executor.trigger("shop-on-paid", { n: 5 }).event).toMatchObject({ name: "shop/order.paid", data: { n: 5 } });
    expect(() => executor.trigger("nope")).toThrow(/no synced function "nope"/);
  });

  it("fires a cron once in its minute, and again the next time it is due", async () => {
    const executor = await newExecutor();
    executor.register(sync);
    expect(executor.fireDueCrons(new Date("2026-11-26T03:00:01Z"))).toHaveLength(1);
    expect(executor.fireDueCrons(new Date("2026-11-26T03:00:59Z"))).toHaveLength(0);
    expect(executor.fireDueCrons(new Date("2026-11-26T04:00:00Z"))).toHaveLength(0);
    expect(executor.fireDueCrons(new Date("2026-11-27T03:00:00Z"))).toHaveLength(1);
    expect(executor.listFunctions(new Date("2026-11-27T03:00:00Z")).find((f) => f.slug === "nightly")?.nextCronAt).toBe("2026-11-28T03:00:00.000Z");
  });
});
