// The payout run against the Stripe fake: one transfer per eligible org whatever crashes, retries
// and re-runs happen (crash injection at every org in turn, a re-run after Stripe forgot the
// idempotency keys), failed and reversed transfers carried forward, and the run's report.
import { InngestTestEngine } from "@inngest/test";
import type Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { monthKey } from "~/lib/month";
import { getDb } from "~/server/db";
import { payStatement } from "~/server/services/payout/pay-statement";
import { finishPayoutRun, finishPayoutRunIfSettled, startPayoutRun } from "~/server/services/payout/payout-runs";
import { getSqlPool } from "~/server/sql-pool";
import { refreshDraftStatements } from "~/server/services/statement/refresh-draft-statements";
import { makeUser } from "~/test/factories";
import { addRevenue, contribute, linesOf, makeConnectedSeller, makePackWithShare, makePayee, month } from "~/test/payouts";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { inngest } from "../client";
import { payoutPayOrg, payoutRun } from "./payout-run";

// Crash injection: the process "dies" right after Stripe made the transfer and before the run
// recorded it, the worst moment (or before asking Stripe at all).
const crash = vi.hoisted(() => ({ afterTransferTo: null as string | null, beforeTransferTo: null as string | null }));
vi.mock("~/server/stripe/client", async (importOriginal) => {
  const mod = await importOriginal<typeof import("~/server/stripe/client")>();
  const wrap = (stripe: Stripe) =>
    new Proxy(stripe, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown;
        if (prop !== "transfers") return value;
        const transfers = value as Stripe["transfers"];
        return new Proxy(transfers, {
          get(t, p) {
            const v = Reflect.get(t, p) as unknown;
            if (p !== "create") return typeof v === "function" ? v.bind(t) : v;
            return async (params: Stripe.TransferCreateParams, options?: Stripe.RequestOptions) => {
              if (crash.beforeTransferTo === params.destination) {
                crash.beforeTransferTo = null;
                throw new Error("injected crash before the transfer");
              }
              const made = await t.create(params, options);
              if (crash.afterTransferTo === params.destination) {
                crash.afterTransferTo = null;
                throw new Error("injected crash after the transfer");
              }
              return made;
            };
          },
        });
      },
    });
  return { ...mod, getStripe: () => wrap(mod.getStripe()) };
});

let s: TestStripe;
beforeAll(async () => {
  s = await startTestStripe();
});
afterAll(() => s?.stop());
beforeEach(() => {
  s.fake.reset();
  crash.afterTransferTo = null;
  crash.beforeTransferTo = null;
});

async function requestRun(key: string) {
  const operator = await makeUser();
  const runId = await startPayoutRun(getDb(), { month: month(key), trigger: "manual", triggeredById: operator.id });
  return { name: "payout/run.requested" as const, data: { runId, month: key, requestedById: operator.id } };
}

type SentEvent = { id: string; name: "payout/org.requested"; data: { runId: string; month: string; statementId: string; orgId: string } };

// The run, then every org's run from the events its fan-out sent, all at once as Inngest would start
// them (without Inngest's retries: a crash stays a crash until the test re-runs the month).
async function runPayouts(key: string) {
  const event = await requestRun(key);
  const sent: SentEvent[] = [];
  const send = vi.spyOn(inngest, "send").mockImplementation(async (payload) => {
    sent.push(...([payload].flat() as SentEvent[]));
    return { ids: [] };
  });
  try {
    const run = await new InngestTestEngine({ function: payoutRun, events: [event] }).execute();
    const orgRuns = await Promise.all(sent.map((e) => new InngestTestEngine({ function: payoutPayOrg, events: [e] }).execute()));
    const result = await getDb().payoutRun.findUniqueOrThrow({ where: { id: event.data.runId } });
    return { run, orgRuns, sent, result, error: run.error ?? orgRuns.find((o) => o.error)?.error, runId: event.data.runId };
  } finally {
    send.mockRestore();
  }
}

const stepsOf = (out: { ctx: { step: { run: { mock: { calls: unknown[][] } } } } }) => out.ctx.step.run.mock.calls.map((c) => c[0]);

// Sellers of one pack in `key`: totals 5,000 / 4,000 / 3,000 … (pool 50% of twice the sum).
async function monthWithSellers(key: string, n: number) {
  const pack = await makePackWithShare(5000);
  const orgs = [];
  for (let i = 0; i < n; i++) {
    const org = await makeConnectedSeller(s.stripe);
    await contribute(org.id, pack.id, key, n + 4 - i);
    orgs.push(org);
  }
  const sessions = Array.from({ length: n }, (_, i) => n + 4 - i).reduce((a, b) => a + b, 0);
  await addRevenue(pack.id, key, sessions * 2 * 1000);
  return { pack, orgs };
}

async function transfersOf(key: string, orgIds: string[]) {
  const all: Stripe.Transfer[] = [];
  for (const orgId of orgIds) {
    const list = await s.stripe.transfers.list({ transfer_group: `payout:${orgId}:${key}`, limit: 100 });
    all.push(...list.data);
  }
  return all;
}

// Ledger: payouts recorded paid = statements paid = transfers made, to the cent.
async function expectLedger(key: string, orgIds: string[]) {
  const db = getDb();
  const transfers = await transfersOf(key, orgIds);
  expect(transfers.map((t) => t.transfer_group).sort()).toEqual(orgIds.map((id) => `payout:${id}:${key}`).sort());
  const payouts = await db.payout.findMany({ where: { orgId: { in: orgIds }, status: "paid" } });
  const statements = await db.orgMonthlyStatement.findMany({ where: { orgId: { in: orgIds }, month: month(key) } });
  expect(statements.every((st) => st.status === "paid" && st.paidAt)).toBe(true);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  expect(sum(payouts.map((p) => p.amountCents))).toBe(sum(transfers.map((t) => t.amount)));
  expect(sum(statements.map((st) => st.totalCents))).toBe(sum(transfers.map((t) => t.amount)));
  expect(new Set(payouts.map((p) => p.stripeTransferId))).toEqual(new Set(transfers.map((t) => t.id)));
}

describe("payout-run", () => {
  it("pays each payable org once, carries the others forward, reports the totals, and a re-run changes nothing", async () => {
    const { pack, orgs } = await monthWithSellers("2026-11", 3);
    const small = await makeConnectedSeller(s.stripe); // 1 session of 18 → under the minimum
    const noConnect = await makePayee(); // no Connect account
    await contribute(small.id, pack.id, "2026-11", 0);
    await contribute(noConnect.id, pack.id, "2026-11", 1);

    const first = await runPayouts("2026-11");
    expect(first.error).toBeUndefined();
    expect(first.result).toMatchObject({ status: "succeeded", orgsTotal: 4, orgsPaid: 3, orgsCarriedForward: 1, orgsFailed: 0 });
    // The run fans out one event per org to pay; each org's run pays it in its own step.
    expect(stepsOf(first.run)).toEqual(["start", "roll-up-contributions", "finalize", "count", "fan-out"]);
    expect(first.sent.map((e) => e.data.orgId).sort()).toEqual(orgs.map((o) => o.id).sort());
    expect(first.sent.map((e) => e.id)).toEqual(first.sent.map((e) => `payout-org:${first.runId}:${e.data.statementId}`));
    expect(first.orgRuns.map(stepsOf).sort()).toEqual(orgs.map((o) => [`pay-${o.id}`, "report-if-settled"]).sort());
    await expectLedger("2026-11", orgs.map((o) => o.id));
    const run = await getDb().payoutRun.findUniqueOrThrow({ where: { id: first.runId } });
    expect(run).toMatchObject({ status: "succeeded", orgsPaid: 3, orgsCarriedForward: 1, errors: [] });
    expect(Number(run.paidCents)).toBe((await transfersOf("2026-11", orgs.map((o) => o.id))).reduce((a, t) => a + t.amount, 0));
    const payout = await getDb().payout.findFirstOrThrow({ where: { orgId: orgs[0]!.id } });
    expect(payout).toMatchObject({ idempotencyKey: `payout:${orgs[0]!.id}:2026-11`, status: "paid", attempts: 1 });
    const transfer = await s.stripe.transfers.retrieve(payout.stripeTransferId!);
    expect(transfer.metadata).toMatchObject({ payout_key: payout.idempotencyKey, org_id: orgs[0]!.id, month: "2026-11" });

    const again = await runPayouts("2026-11");
    expect(again.result).toMatchObject({ status: "succeeded", orgsPaid: 3 });
    expect(stepsOf(again.run)).toEqual(["start", "roll-up-contributions", "finalize", "count", "fan-out", "report"]);
    expect(again.sent).toEqual([]);
    await expectLedger("2026-11", orgs.map((o) => o.id));
  });

  it("crash injection: a crash at each org in turn, before or after Stripe made the transfer, and a re-run pays exactly once", async () => {
    const n = 3;
    for (const [phase, moment] of [["after", "afterTransferTo"], ["before", "beforeTransferTo"]] as const) {
      for (let i = 0; i < n; i++) {
        const key = monthKey(month(`20${30 + i + (phase === "before" ? 10 : 0)}-03`));
        const { orgs } = await monthWithSellers(key, n);
        const victim = await getDb().orgBillingProfile.findUniqueOrThrow({ where: { orgId: orgs[i]!.id } });
        crash[moment] = victim.stripeConnectId;
        const crashed = await runPayouts(key);
        expect(crashed.error, `${phase} ${i}`).toBeDefined();
        const run = await getDb().payoutRun.findUniqueOrThrow({ where: { id: crashed.runId } });
        expect((run.errors as Array<{ orgId: string; message: string }>).map((e) => [e.orgId, e.message])).toContainEqual([orgs[i]!.id, `injected crash ${phase} the transfer`]);
        // The crashed org is still owed: its statement is finalized, not paid, and the run is not
        // reported a success by the orgs that were paid.
        expect((await linesOf(orgs[i]!.id, key))?.status).toBe("finalized");
        expect(crashed.result.status).toBe("running");

        const rerun = await runPayouts(key);
        expect(rerun.error).toBeUndefined();
        await expectLedger(key, orgs.map((o) => o.id));
      }
    }
  });

  it("an org whose payout ran out of retries fails the run, and the orgs settled after it do not make it a success", async () => {
    const { orgs } = await monthWithSellers("2026-11", 2);
    const victim = await getDb().orgBillingProfile.findUniqueOrThrow({ where: { orgId: orgs[0]!.id } });
    crash.beforeTransferTo = victim.stripeConnectId;
    const crashed = await runPayouts("2026-11");
    // What the org run's onFailure does once Inngest gives up on it.
    await finishPayoutRun(getDb(), crashed.runId, { status: "failed", error: "An org's payout stopped: injected crash before the transfer" });
    // The victim is paid after all (by hand, say), which settles the month: the run stays failed.
    await payStatement(getSqlPool(), s.stripe, { statementId: crashed.sent.find((e) => e.data.orgId === orgs[0]!.id)!.data.statementId });
    expect(await finishPayoutRunIfSettled(getDb(), crashed.runId)).toBeNull();
    const run = await getDb().payoutRun.findUniqueOrThrow({ where: { id: crashed.runId } });
    expect(run.status).toBe("failed");
    expect((run.errors as Array<{ step: string; message: string }>).map((e) => e.message)).toContain("An org's payout stopped: injected crash before the transfer");
  });

  it("a re-run after Stripe forgot the idempotency keys still pays once (the transfer is found by its group)", async () => {
    const { orgs } = await monthWithSellers("2026-11", 2);
    const victim = await getDb().orgBillingProfile.findUniqueOrThrow({ where: { orgId: orgs[1]!.id } });
    crash.afterTransferTo = victim.stripeConnectId;
    expect((await runPayouts("2026-11")).error).toBeDefined();
    s.fake.forgetIdempotencyKeys();
    const rerun = await runPayouts("2026-11");
    expect(rerun.error).toBeUndefined();
    await expectLedger("2026-11", orgs.map((o) => o.id));
    expect((await getDb().payout.findFirstOrThrow({ where: { orgId: orgs[1]!.id } })).attempts).toBe(2);
  });

  it("a transfer Stripe refuses fails the statement and carries its amount forward, and the run says why", async () => {
    const pack = await makePackWithShare(5000);
    const ok = await makeConnectedSeller(s.stripe);
    const stuck = await makeConnectedSeller(s.stripe, { onboard: false }); // transfers capability inactive
    await contribute(ok.id, pack.id, "2026-11", 1);
    await contribute(stuck.id, pack.id, "2026-11", 1);
    await addRevenue(pack.id, "2026-11", 8_000);
    const { result, runId } = await runPayouts("2026-11");
    expect(result).toMatchObject({ orgsPaid: 1, orgsFailed: 1 });
    const run = await getDb().payoutRun.findUniqueOrThrow({ where: { id: runId } });
    expect((run.errors as Array<{ orgId: string; message: string }>)[0]).toMatchObject({ orgId: stuck.id, message: expect.stringMatching(/Stripe refused the transfer: .*capabilit/) });
    const failed = await getDb().orgMonthlyStatement.findFirstOrThrow({ where: { orgId: stuck.id } });
    expect(failed.status).toBe("failed");
    expect(await getDb().payout.findFirstOrThrow({ where: { orgId: stuck.id } })).toMatchObject({ status: "failed", stripeTransferId: null });

    await refreshDraftStatements(getDb(), new Date("2026-12-10T00:00:00Z"));
    expect(await linesOf(stuck.id, "2026-12")).toMatchObject({ totalCents: 2_000, lines: [{ kind: "carried_forward", shareCents: 2_000, sourceStatementId: failed.id }] });
  });

  it("transfer.reversed through the webhook fails the paid statement and carries the amount forward", async () => {
    const { orgs } = await monthWithSellers("2026-11", 2);
    await runPayouts("2026-11");
    const payout = await getDb().payout.findFirstOrThrow({ where: { orgId: orgs[0]!.id } });
    await s.fake.reverseTransfer(payout.stripeTransferId!);
    await s.fake.flushDeliveries();
    const event = await getDb().stripeEvent.findFirstOrThrow({ where: { type: "transfer.reversed" } });
    expect(event.status).toBe("processed");
    const statement = await getDb().orgMonthlyStatement.findUniqueOrThrow({ where: { id: payout.statementId } });
    expect(statement.status).toBe("failed");
    expect(await getDb().payout.findUniqueOrThrow({ where: { id: payout.id } })).toMatchObject({ status: "failed", lastError: expect.stringContaining("reversed") });
    // The other org stays paid; the reversed amount comes back on December's statement.
    expect((await linesOf(orgs[1]!.id, "2026-11"))?.status).toBe("paid");
    await refreshDraftStatements(getDb(), new Date("2026-12-10T00:00:00Z"));
    expect(await linesOf(orgs[0]!.id, "2026-12")).toMatchObject({
      totalCents: statement.totalCents,
      lines: [{ kind: "carried_forward", shareCents: statement.totalCents, sourceStatementId: statement.id }],
    });
    // Delivered again, the event changes nothing.
    await s.fake.deliverEvent(event.id);
    expect((await getDb().orgMonthlyStatement.findUniqueOrThrow({ where: { id: payout.statementId } })).status).toBe("failed");
  });
});
