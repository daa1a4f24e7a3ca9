// The app's serve handler and the local executor, in-process and over real HTTP: what
// `npm run dev` does, with short retry delays and sleeps.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eventType, type Inngest } from "inngest";
import { z } from "zod";
import { getDb } from "~/server/db";
// Not "~/server/outbox": that also loads the app's Inngest client, which must see the env below.
import { enqueueEvent } from "~/server/outbox/enqueue-event";
import { relayOutbox } from "~/server/outbox/relay";
import { startApiServer, type ApiRoute } from "~/test/next-api";
import { requestPayoutRun } from "~/server/services/payout/request-payout-run";
import { makeUser } from "~/test/factories";
import { startInngestDevExecutor, type InngestDevExecutor, type StartOptions } from "./index";
import type { RunRecord } from "./types";

const stateDir = mkdtempSync(join(tmpdir(), "inngest-dev-test-"));
const stateFile = join(stateDir, "state.json");
// EXECUTOR_LOG=1 shows the executor's log lines while debugging these tests.
const log = process.env.EXECUTOR_LOG ? (m: string) => console.log(`[inngest] ${m}`) : () => undefined;
const executorOptions: StartOptions = { stateFile, port: 0, log, retryBackoff: { baseMs: 20, maxMs: 200 }, maxSleepMs: 30, cron: false };

const orderPaid = eventType("test/order.paid", { schema: z.object({ orderId: z.string() }) });
const orderShipped = eventType("test/order.shipped", { schema: z.object({ orderId: z.string() }) });
const calls = { onPaid: 0, reserve: 0, charge: 0, email: 0, ledger: 0, shipped: 0, failureHandler: 0, beforeNap: 0, afterNap: 0 };

// Functions that exist only for these tests, served by their own app beside the real one.
function testFunctions(client: Inngest) {
  return [
    client.createFunction({ id: "on-order-paid", triggers: [orderPaid] }, async ({ event, step }) => {
      calls.onPaid += 1;
      return step.run("note", () => `paid ${event.data.orderId}`);
    }),
    client.createFunction({ id: "checkout", triggers: [{ event: "test/checkout.started" }], retries: 2 }, async ({ event, step }) => {
      const orderId = String(event.data.orderId);
      const reserved = await step.run("reserve", () => ++calls.reserve);
      const charged = await step.run("charge", () => {
        calls.charge += 1;
        if (calls.charge === 1) throw new Error("card network timeout");
        return "charged";
      });
      const [email, ledger] = await Promise.all([
        step.run("email", () => ++calls.email),
        step.run("ledger", () => ++calls.ledger),
      ]);
      await step.sleep("cool-down", "1h");
      await step.sendEvent("announce", orderShipped.create({ orderId }, { id: `shipped:${orderId}` }));
      return { reserved, charged, email, ledger };
    }),
    client.createFunction({ id: "on-order-shipped", triggers: [orderShipped] }, async () => ++calls.shipped),
    client.createFunction(
      { id: "always-fails", triggers: [{ event: "test/doomed" }], retries: 1, onFailure: async () => ++calls.failureHandler },
      async ({ step }) => {
        await step.run("explode", () => {
          throw new Error("still broken");
        });
      },
    ),
    client.createFunction({ id: "naps", triggers: [{ event: "test/nap" }] }, async ({ step }) => {
      await step.run("before", () => ++calls.beforeNap);
      await step.sleep("nap", "1h");
      return step.run("after", () => ++calls.afterNap);
    }),
    client.createFunction({ id: "waits", triggers: [{ event: "test/waits" }] }, async ({ step }) => {
      await step.waitForEvent("approval", { event: "test/approved", timeout: "1h" });
    }),
  ];
}

let dev: InngestDevExecutor;
let app: Awaited<ReturnType<typeof startApiServer>>;
let sendToInngest: (typeof import("~/server/outbox/relay-loop"))["sendToInngest"];

const runsOf = (slug: string) => Object.values(dev.executor.state.runs).filter((r) => r.functionId.endsWith(`-${slug}`));

async function finishedRun(slug: string, match: (run: RunRecord) => boolean = () => true): Promise<RunRecord> {
  await vi.waitFor(() => expect(runsOf(slug).filter(match)).toHaveLength(1), { timeout: 5000, interval: 10 });
  return dev.executor.waitForRun(runsOf(slug).find(match)!.id);
}

beforeAll(async () => {
  dev = await startInngestDevExecutor(executorOptions);
  const routes: ApiRoute[] = [];
  app = await startApiServer(routes);
  // What `npm run dev` gives the Next server: the SDK's dev mode, pointed at the executor. The
  // SDK reads these when the client and the handlers are created, hence the imports below.
  vi.stubEnv("INNGEST_DEV", "1");
  vi.stubEnv("INNGEST_BASE_URL", dev.url);
  vi.stubEnv("INNGEST_SERVE_ORIGIN", app.url);
  const { Inngest } = await import("inngest");
  const { serve } = await import("inngest/next");
  ({ sendToInngest } = await import("~/server/outbox/relay-loop"));
  // Quiet: these functions fail on purpose.
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
  const testClient = new Inngest({ id: "workflow-tests", logger: quiet });
  routes.push({ prefix: "/api/inngest", handler: (await import("~/pages/api/inngest")).default, bodyParser: true });
  routes.push({ prefix: "/api/test-inngest", handler: serve({ client: testClient, functions: testFunctions(testClient) }), bodyParser: true });
  await dev.executor.sync(`${app.url}/api/inngest`);
  await dev.executor.sync(`${app.url}/api/test-inngest`);
});

afterAll(async () => {
  await dev?.close();
  await app?.close();
  vi.unstubAllEnvs();
  rmSync(stateDir, { recursive: true, force: true });
});

describe("the local Inngest executor", () => {
  it("registers the functions of every synced app", () => {
    const fns = dev.executor.listFunctions(new Date("2026-11-26T15:20:00Z"));
    expect(fns.find((f) => f.id === "pack-market-heartbeat-cleanup")).toMatchObject({
      appId: "pack-market",
      triggers: [{ cron: "TZ=UTC 0 * * * *" }],
      nextCronAt: "2026-11-26T16:00:00.000Z",
    });
    expect(fns.filter((f) => f.appId === "workflow-tests").map((f) => f.slug)).toEqual(
      expect.arrayContaining(["on-order-paid", "checkout", "on-order-shipped", "always-fails", "always-fails-failure", "naps", "waits"]),
    );
  });

  it("runs an event from the outbox once, even when it is delivered twice with the same id", async () => {
    const db = getDb();
    const message = { id: "order-paid:o-1", name: "test/order.paid", data: { orderId: "o-1" } };
    expect(await db.$transaction((tx) => enqueueEvent(tx, message))).toEqual({ created: true });
    expect(await db.$transaction((tx) => enqueueEvent(tx, message))).toEqual({ created: false });

    expect((await relayOutbox(db, { send: sendToInngest })).delivered).toEqual(["order-paid:o-1"]);
    // A relay that died after sending and before marking the row: once its lease is over, the
    // row goes out again.
    await db.outboxEvent.update({ where: { id: message.id }, data: { deliveredAt: null, nextAttemptAt: new Date() } });
    expect((await relayOutbox(db, { send: sendToInngest })).delivered).toEqual(["order-paid:o-1"]);

    const run = await finishedRun("on-order-paid");
    expect(run).toMatchObject({ status: "completed", output: "paid o-1", event: { id: "order-paid:o-1" } });
    expect(runsOf("on-order-paid")).toHaveLength(1);
    expect(calls.onPaid).toBeGreaterThan(0);
  });

  it("retries a failed step without re-running the steps before it, and runs parallel steps, sleeps and sent events", async () => {
    await fetch(`${dev.url}/e/dev-key`, { method: "POST", body: JSON.stringify({ name: "test/checkout.started", data: { orderId: "o-2" } }) });
    const run = await finishedRun("checkout");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ reserved: 1, charged: "charged", email: 1, ledger: 1 });
    expect(calls).toMatchObject({ reserve: 1, charge: 2, email: 1, ledger: 1 });
    expect(run.steps.map((s) => [s.name, s.status, s.attempts])).toEqual([
      ["reserve", "completed", 1],
      ["charge", "completed", 2],
      ["email", "completed", 1],
      ["ledger", "completed", 1],
      ["cool-down", "completed", 0],
      ["announce", "completed", 1],
    ]);
    const shipped = await finishedRun("on-order-shipped");
    expect(shipped).toMatchObject({ status: "completed", event: { id: "shipped:o-2", data: { orderId: "o-2" } } });
  });

  it("fails a run whose step exhausts its retries, and runs its failure handler", async () => {
    await fetch(`${dev.url}/e/dev-key`, { method: "POST", body: JSON.stringify({ name: "test/doomed", data: {} }) });
    const run = await finishedRun("always-fails");
    expect(run.status).toBe("failed");
    expect(run.error?.message).toMatch(/still broken/);
    expect(run.steps[0]).toMatchObject({ name: "explode", status: "failed", attempts: 2 });
    const handler = await finishedRun("always-fails-failure");
    expect(handler.status).toBe("completed");
    expect(calls.failureHandler).toBe(1);
  });

  it("fails a run that uses a step it does not support, saying which", async () => {
    await fetch(`${dev.url}/e/dev-key`, { method: "POST", body: JSON.stringify({ name: "test/waits", data: {} }) });
    const run = await finishedRun("waits");
    expect(run).toMatchObject({ status: "failed", error: { name: "UnsupportedStep" } });
    expect(run.error?.message).toMatch(/step\.waitForEvent is not supported by the local dev executor/);
  });

  it("runs the heartbeat cron by hand, and on schedule once per minute", async () => {
    const db = getDb();
    const user = await makeUser();
    await db.session.create({ data: { sessionToken: "expired", userId: user.id, expires: new Date(Date.now() - 60_000) } });
    await db.session.create({ data: { sessionToken: "valid", userId: user.id, expires: new Date(Date.now() + 3_600_000) } });

    const res = await fetch(`${dev.url}/dev/functions/heartbeat-cleanup/trigger`, { method: "POST" });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    const run = await dev.executor.waitForRun(runId);
    expect(run).toMatchObject({ status: "completed", trigger: "manual", event: { name: "inngest/scheduled.timer" } });
    expect(run.output).toEqual({ deleted: { verificationTokens: 0, sessions: 1, deliveredOutboxEvents: 0 } });
    expect((await db.session.findMany()).map((s) => s.sessionToken)).toEqual(["valid"]);

    // On the hour the hourly heartbeat is due (beside crons that run more often, like the usage rollup).
    const heartbeat = <R extends { functionId: string }>(runs: R[]) => runs.filter((r) => r.functionId === "pack-market-heartbeat-cleanup");
    const onTheHour = heartbeat(dev.executor.fireDueCrons(new Date("2026-11-26T15:00:10Z")));
    expect(onTheHour).toHaveLength(1);
    expect(dev.executor.fireDueCrons(new Date("2026-11-26T15:00:40Z"))).toEqual([]);
    expect(heartbeat(dev.executor.fireDueCrons(new Date("2026-11-26T15:01:00Z")))).toEqual([]);
    expect((await dev.executor.waitForRun(onTheHour[0]!.id)).status).toBe("completed");
  });

  it("delivers an event written to the outbox while the executor was down once it is back", async () => {
    const db = getDb();
    const port = Number(new URL(dev.url).port);
    await dev.close();

    await db.$transaction((tx) => enqueueEvent(tx, { id: "order-paid:o-3", name: "test/order.paid", data: { orderId: "o-3" } }));
    const down = await relayOutbox(db, { send: sendToInngest });
    expect(down.failed).toEqual(["order-paid:o-3"]);
    const row = await db.outboxEvent.findUniqueOrThrow({ where: { id: "order-paid:o-3" } });
    expect(row).toMatchObject({ attempts: 1, deliveredAt: null });
    expect(row.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    expect((await relayOutbox(db, { send: sendToInngest })).claimed).toBe(0);

    // Back on the same port, with the same state file: the synced apps are still known.
    dev = await startInngestDevExecutor({ ...executorOptions, port });
    const back = await relayOutbox(db, { send: sendToInngest, now: row.nextAttemptAt });
    expect(back.delivered).toEqual(["order-paid:o-3"]);
    const run = await finishedRun("on-order-paid", (r) => r.event.id === "order-paid:o-3");
    expect(run).toMatchObject({ status: "completed", output: "paid o-3" });
  });

  it("pays a month through the payout run, its fan-out and one payout-pay-org run per org", async () => {
    // Imported here: the webhook routes they serve load the app's Inngest client, which must see the
    // env set above.
    const { startTestStripe } = await import("~/test/stripe");
    const { addRevenue, contribute, makeConnectedSeller, makePackWithShare, month } = await import("~/test/payouts");
    const stripe = await startTestStripe();
    try {
      const pack = await makePackWithShare(5000);
      const sellers = [await makeConnectedSeller(stripe.stripe), await makeConnectedSeller(stripe.stripe)];
      await contribute(sellers[0]!.id, pack.id, "2026-10", 3);
      await contribute(sellers[1]!.id, pack.id, "2026-10", 1);
      await addRevenue(pack.id, "2026-10", 40_000);
      const operator = await makeUser();
      const requested = await requestPayoutRun(getDb(), { month: month("2026-10"), userId: operator.id });
      expect((await relayOutbox(getDb(), { send: sendToInngest })).delivered).toContain(`payout-run-requested:${requested.id}`);

      expect(await finishedRun("payout-run", (r) => r.event.id === `payout-run-requested:${requested.id}`)).toMatchObject({
        status: "completed",
        output: { runId: requested.id, month: "2026-10", orgsToPay: 2 },
      });
      await vi.waitFor(() => expect(runsOf("payout-pay-org").filter((r) => r.event.id.startsWith(`payout-org:${requested.id}:`))).toHaveLength(2), {
        timeout: 10_000,
        interval: 20,
      });
      for (const run of runsOf("payout-pay-org").filter((r) => r.event.id.startsWith(`payout-org:${requested.id}:`))) {
        expect(await dev.executor.waitForRun(run.id)).toMatchObject({ status: "completed", output: { state: "paid" } });
      }
      // The org run that settled the month's last statement wrote the run's report.
      expect(await getDb().payoutRun.findUniqueOrThrow({ where: { id: requested.id } })).toMatchObject({ status: "succeeded", orgsPaid: 2, paidCents: 20_000n });
      const statements = await getDb().orgMonthlyStatement.findMany({ where: { month: month("2026-10"), orgId: { in: sellers.map((o) => o.id) } } });
      expect(statements.map((st) => [st.status, st.totalCents]).sort()).toEqual([["paid", 15_000], ["paid", 5_000]].sort());
    } finally {
      await stripe.stop();
    }
  });

  it("resumes a run that was sleeping when the executor stopped", async () => {
    const port = Number(new URL(dev.url).port);
    await dev.close();
    dev = await startInngestDevExecutor({ ...executorOptions, port, maxSleepMs: 3_600_000 });
    await fetch(`${dev.url}/e/dev-key`, { method: "POST", body: JSON.stringify({ name: "test/nap", data: {} }) });
    await vi.waitFor(() => expect(runsOf("naps")[0]?.steps.map((s) => s.status)).toEqual(["completed", "sleeping"]), { timeout: 5000, interval: 10 });

    await dev.close();
    dev = await startInngestDevExecutor({ ...executorOptions, port });
    const run = runsOf("naps")[0]!;
    expect(run.status).toBe("running");
    const woken = await fetch(`${dev.url}/dev/runs/${run.id}/wake`, { method: "POST" });
    expect(woken.status).toBe(202);
    expect(await dev.executor.waitForRun(run.id)).toMatchObject({ status: "completed", output: 1 });
    expect(calls).toMatchObject({ beforeNap: 1, afterNap: 1 });
  });
});
