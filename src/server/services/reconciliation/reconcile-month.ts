// Reconciliation of one month, link by link, to the cent (`npm run reconcile -- <YYYY-MM>` and the
// admin page):
//   Stripe (stored events, and the API when reachable): invoices paid and refunds made in the month
//     ↔ revenue rows        every paid invoice and refund has its row, with the same amount and month
//     ↔ pools               each pack's pool has the gross of its revenue rows, pool = revenuePool(gross)
//     ↔ statement lines     each pool's share lines add up to it
//     ↔ statements          each statement's total is the sum of its lines
//     ↔ payouts             each paid statement has a paid payout of its total
//     ↔ Stripe transfers    each payout has its transfer (net of reversals), and no transfer is extra
// Every difference is listed with what was expected, what was found and the likely cause.
import type { ReconciliationTotals } from "~/lib/reconciliation-totals";
import type Stripe from "stripe";
import { isStatementCurrency, revenuePool, STATEMENT_CURRENCY } from "~/lib/money";
import { addMonths, monthDay, monthKey } from "~/lib/month";
import type { Db } from "~/server/db";
import { readSubscriptionMetadata } from "~/server/stripe/subscription-metadata";

export type Difference = { check: string; subject: string; expectedCents: number; actualCents: number; differenceCents: number; cause: string };

export type ReconciliationReport = {
  month: string;
  ok: boolean;
  stripeApi: "reachable" | "not used" | `unreachable: ${string}`;
  totals: ReconciliationTotals;
  differences: Difference[];
  notes: string[];
};

type Expected = { id: string; amountCents: number; currency: string; source: string };

const inMonth = (unixSeconds: number, start: Date, end: Date) => unixSeconds * 1000 >= start.getTime() && unixSeconds * 1000 < end.getTime();

function diff(check: string, subject: string, expected: number, actual: number, cause: string): Difference {
  return { check, subject, expectedCents: expected, actualCents: actual, differenceCents: actual - expected, cause };
}

// Paid invoices and refunds of the month as the stored webhook events show them.
async function fromStoredEvents(db: Db, start: Date, end: Date) {
  const events = await db.stripeEvent.findMany({
    where: { type: { in: ["invoice.paid", "invoice.payment_succeeded"] }, status: "processed" },
    select: { id: true, payload: true },
  });
  const invoices = new Map<string, Expected>();
  for (const e of events) {
    const invoice = (e.payload as unknown as Stripe.Event).data.object as Stripe.Invoice;
    const paidAt = invoice.status_transitions?.paid_at;
    if (invoice.status !== "paid" || !paidAt || !inMonth(paidAt, start, end) || invoice.amount_paid <= 0) continue;
    if (!readSubscriptionMetadata(invoice.parent?.subscription_details?.metadata)) continue;
    invoices.set(invoice.id, { id: invoice.id, amountCents: invoice.amount_paid, currency: invoice.currency, source: `event ${e.id}` });
  }
  // Refunds: the newest charge.refunded event of each charge says how much of it is refunded.
  const refundEvents = await db.stripeEvent.findMany({ where: { type: "charge.refunded", status: "processed" }, select: { id: true, payload: true } });
  const charges = new Map<string, { paymentIntentId: string; refunded: number; created: number; eventId: string; currency: string }>();
  for (const e of refundEvents) {
    const event = e.payload as unknown as Stripe.Event;
    const charge = event.data.object as Stripe.Charge;
    const pi = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
    if (!pi || !inMonth(event.created, start, end)) continue;
    const seen = charges.get(charge.id);
    if (!seen || seen.created <= event.created) {
      charges.set(charge.id, { paymentIntentId: pi, refunded: charge.amount_refunded, created: event.created, eventId: e.id, currency: charge.currency });
    }
  }
  return { invoices, charges };
}

async function fromStripeApi(stripe: Stripe, ourPaymentIntents: Set<string>, start: Date, end: Date) {
  const invoices = new Map<string, Expected>();
  const created = { gte: Math.floor(addMonths(start, -2).getTime() / 1000), lt: Math.floor(end.getTime() / 1000) + 86_400 * 31 };
  for await (const invoice of stripe.invoices.list({ status: "paid", created, limit: 100 })) {
    const paidAt = invoice.status_transitions?.paid_at;
    if (!paidAt || !inMonth(paidAt, start, end) || invoice.amount_paid <= 0) continue;
    if (!readSubscriptionMetadata(invoice.parent?.subscription_details?.metadata)) continue;
    invoices.set(invoice.id, { id: invoice.id, amountCents: invoice.amount_paid, currency: invoice.currency, source: "Stripe API" });
  }
  const refunds = new Map<string, Expected>();
  for await (const refund of stripe.refunds.list({ created: { gte: Math.floor(start.getTime() / 1000), lt: Math.floor(end.getTime() / 1000) }, limit: 100 })) {
    const pi = typeof refund.payment_intent === "string" ? refund.payment_intent : refund.payment_intent?.id;
    if (!pi || !ourPaymentIntents.has(pi) || !inMonth(refund.created, start, end)) continue;
    if (refund.status !== "succeeded" && refund.status !== "pending") continue;
    refunds.set(refund.id, { id: refund.id, amountCents: -refund.amount, currency: refund.currency, source: "Stripe API" });
  }
  const transfers: Stripe.Transfer[] = [];
  for await (const transfer of stripe.transfers.list({ created: { gte: Math.floor(start.getTime() / 1000) }, limit: 100 })) {
    if (transfer.metadata?.month === monthKey(start) && transfer.metadata?.payout_key?.startsWith("payout:")) transfers.push(transfer);
  }
  return { invoices, refunds, transfers };
}

export async function reconcileMonth(db: Db, month: Date, opts: { stripe?: Stripe | null } = {}): Promise<ReconciliationReport> {
  const start = month;
  const end = addMonths(month, 1);
  const d = monthDay(month);
  const differences: Difference[] = [];
  const notes: string[] = [];

  const revenue = await db.revenue.findMany({ where: { month }, select: { stripeObjectId: true, kind: true, packId: true, amountCents: true, currency: true, paymentIntentId: true } });
  const revenueById = new Map(revenue.map((r) => [r.stripeObjectId, r]));

  // 1. Stripe ↔ revenue rows.
  const stored = await fromStoredEvents(db, start, end);
  let api: Awaited<ReturnType<typeof fromStripeApi>> | null = null;
  let stripeApi: ReconciliationReport["stripeApi"] = "not used";
  if (opts.stripe) {
    const pis = await db.revenue.findMany({ where: { kind: "invoice", paymentIntentId: { not: null } }, select: { paymentIntentId: true } });
    try {
      api = await fromStripeApi(opts.stripe, new Set(pis.map((p) => p.paymentIntentId!)), start, end);
      stripeApi = "reachable";
    } catch (error) {
      stripeApi = `unreachable: ${error instanceof Error ? error.message : String(error)}`;
      notes.push("Stripe's API could not be reached: invoices and refunds were checked against the stored events only, transfers not at all.");
    }
  }
  const stripeInvoices = new Map([...stored.invoices, ...(api?.invoices ?? [])]);
  for (const invoice of stripeInvoices.values()) {
    const row = revenueById.get(invoice.id);
    if (!row) differences.push(diff("stripe ↔ revenue", `invoice ${invoice.id}`, invoice.amountCents, 0, `Paid in Stripe (${invoice.source}) but no revenue row for ${monthKey(month)}: the webhook was not processed, or the row is missing.`));
    else if (row.amountCents !== invoice.amountCents) differences.push(diff("stripe ↔ revenue", `invoice ${invoice.id}`, invoice.amountCents, row.amountCents, "The revenue row's amount differs from the amount Stripe says was paid."));
  }
  for (const row of revenue.filter((r) => r.kind === "invoice" && !stripeInvoices.has(r.stripeObjectId))) {
    differences.push(diff("stripe ↔ revenue", `invoice ${row.stripeObjectId}`, 0, row.amountCents, "A revenue row with no paid invoice in Stripe for this month."));
  }
  if (api) {
    for (const refund of api.refunds.values()) {
      const row = revenueById.get(refund.id);
      if (!row) differences.push(diff("stripe ↔ revenue", `refund ${refund.id}`, refund.amountCents, 0, "Refunded in Stripe but no negative revenue row: the charge.refunded webhook was not processed."));
      else if (row.amountCents !== refund.amountCents) differences.push(diff("stripe ↔ revenue", `refund ${refund.id}`, refund.amountCents, row.amountCents, "The refund row's amount differs from Stripe's."));
    }
    for (const row of revenue.filter((r) => r.kind === "refund" && !api!.refunds.has(r.stripeObjectId))) {
      differences.push(diff("stripe ↔ revenue", `refund ${row.stripeObjectId}`, 0, row.amountCents, "A refund row with no such refund in Stripe this month."));
    }
  } else {
    const refundsByPi = new Map<string, number>();
    for (const r of await db.revenue.findMany({ where: { kind: "refund" }, select: { paymentIntentId: true, amountCents: true } })) {
      if (r.paymentIntentId) refundsByPi.set(r.paymentIntentId, (refundsByPi.get(r.paymentIntentId) ?? 0) + r.amountCents);
    }
    for (const [chargeId, c] of stored.charges) {
      const recorded = refundsByPi.get(c.paymentIntentId) ?? 0;
      if (recorded !== -c.refunded) differences.push(diff("stripe ↔ revenue", `charge ${chargeId}`, -c.refunded, recorded, `Event ${c.eventId} says ${c.refunded} is refunded; the refund rows of its payment add up to ${-recorded}.`));
    }
  }
  const stripeInvoicesCents = [...stripeInvoices.values()].reduce((s, i) => s + i.amountCents, 0);
  const stripeRefundsCents = api ? [...api.refunds.values()].reduce((s, r) => s + r.amountCents, 0) : -[...stored.charges.values()].reduce((s, c) => s + c.refunded, 0);

  // 2. Revenue rows ↔ pools.
  const pools = await db.packMonthlyPool.findMany({ where: { month }, select: { id: true, packId: true, currency: true, grossCents: true, revenueShareBps: true, poolCents: true, totalSessions: true, finalizedAt: true } });
  const grossByPack = new Map<string, number>();
  for (const r of revenue) {
    if (!isStatementCurrency(r.currency)) {
      differences.push(diff("revenue ↔ pools", `${r.stripeObjectId} (pack ${r.packId})`, 0, r.amountCents, `Revenue in ${r.currency}: statements are in ${STATEMENT_CURRENCY} only, so it is in no pool.`));
      continue;
    }
    grossByPack.set(r.packId, (grossByPack.get(r.packId) ?? 0) + r.amountCents);
  }
  for (const [packId, gross] of grossByPack) {
    const pool = pools.find((p) => p.packId === packId);
    if (!pool) differences.push(diff("revenue ↔ pools", `pack ${packId}`, gross, 0, "Revenue rows but no pool: the month's statements were not computed since."));
    else if (pool.grossCents !== gross) {
      const adjusted = pool.finalizedAt ? await adjustmentState(db, pool, gross) : null;
      if (!adjusted?.settled) {
        differences.push(diff("revenue ↔ pools", `pack ${packId}`, gross, pool.grossCents, pool.finalizedAt
          ? `Revenue changed after the pool was finalized (a late refund or payment); the clawback is ${adjusted?.pendingOn ? `pending on the draft of ${adjusted.pendingOn}` : "not on any statement yet"}.`
          : "The draft pool is out of date: the statements-refresh workflow has not run since the revenue changed."));
      } else notes.push(`Pack ${packId}: ${gross - pool.grossCents} of revenue arrived after finalization and was settled by adjustment lines on later statements.`);
    }
  }
  for (const pool of pools) {
    if (!grossByPack.has(pool.packId) && pool.grossCents !== 0) differences.push(diff("revenue ↔ pools", `pack ${pool.packId}`, 0, pool.grossCents, "The pool counts revenue that no revenue row of the month holds."));
    const expectedPool = revenuePool(pool.grossCents, pool.revenueShareBps);
    if (pool.poolCents !== expectedPool) differences.push(diff("revenue ↔ pools", `pool of pack ${pool.packId}`, expectedPool, pool.poolCents, `The pool is not floor(gross × ${pool.revenueShareBps} / 10000).`));
  }

  // 3. Pools ↔ share lines, 4. lines ↔ statements.
  const sums = await db.$queryRaw<Array<{ poolId: string; cents: bigint; sessions: bigint }>>`
    SELECT l."poolId", SUM(l."shareCents")::bigint AS cents, SUM(l."sessions")::bigint AS sessions
    FROM "statement_lines" l JOIN "pack_monthly_pools" p ON p."id" = l."poolId"
    WHERE l."kind" = 'share' AND p."month" = ${d}::date GROUP BY l."poolId"`;
  let shareLinesCents = 0;
  for (const pool of pools) {
    const s = sums.find((x) => x.poolId === pool.id);
    const cents = Number(s?.cents ?? 0);
    shareLinesCents += cents;
    if (pool.totalSessions === 0) {
      if (pool.poolCents > 0) notes.push(`Pack ${pool.packId}: a pool of ${pool.poolCents} with no contributor this month stays with the platform.`);
      continue;
    }
    if (cents !== pool.poolCents) differences.push(diff("pools ↔ statement lines", `pool of pack ${pool.packId}`, pool.poolCents, cents, "The share lines do not add up to the pool."));
    if (Number(s?.sessions ?? 0) !== pool.totalSessions) differences.push(diff("pools ↔ statement lines", `sessions of pack ${pool.packId}`, pool.totalSessions, Number(s?.sessions ?? 0), "The lines' sessions do not add up to the pool's total sessions (counted in sessions, not cents)."));
  }
  const statements = await db.$queryRaw<Array<{ id: string; orgId: string; status: string; totalCents: number; lines: bigint | null }>>`
    SELECT s."id", s."orgId", s."status"::text AS "status", s."totalCents",
           (SELECT SUM(l."shareCents") FROM "statement_lines" l WHERE l."statementId" = s."id")::bigint AS "lines"
    FROM "org_monthly_statements" s WHERE s."month" = ${d}::date`;
  for (const st of statements) {
    if (Number(st.lines ?? 0) !== st.totalCents) differences.push(diff("statement lines ↔ statements", `statement ${st.id} (org ${st.orgId})`, Number(st.lines ?? 0), st.totalCents, "The statement's total is not the sum of its lines."));
  }
  const statementsCents = statements.reduce((s, x) => s + x.totalCents, 0);

  // 5. Statements ↔ payouts.
  const payouts = await db.payout.findMany({ where: { statement: { month } }, select: { statementId: true, orgId: true, amountCents: true, status: true, stripeTransferId: true, idempotencyKey: true } });
  const payoutByStatement = new Map(payouts.map((p) => [p.statementId, p]));
  for (const st of statements) {
    const payout = payoutByStatement.get(st.id);
    if (st.status === "paid" && (payout?.status !== "paid" || payout.amountCents !== st.totalCents)) {
      differences.push(diff("statements ↔ payouts", `statement ${st.id} (org ${st.orgId})`, st.totalCents, payout?.status === "paid" ? payout.amountCents : 0, "A paid statement without a paid payout of its total."));
    }
    if (st.status !== "paid" && payout?.status === "paid") {
      differences.push(diff("statements ↔ payouts", `statement ${st.id} (org ${st.orgId})`, 0, payout.amountCents, `A paid payout on a statement that is ${st.status}.`));
    }
  }
  const payoutsPaidCents = payouts.filter((p) => p.status === "paid").reduce((s, p) => s + p.amountCents, 0);

  // 6. Payouts ↔ Stripe transfers.
  let transfersNetCents = 0;
  if (api) {
    const byKey = new Map<string, Stripe.Transfer[]>();
    for (const t of api.transfers) byKey.set(t.metadata.payout_key!, [...(byKey.get(t.metadata.payout_key!) ?? []), t]);
    const payoutByTransfer = new Map(payouts.filter((p) => p.stripeTransferId).map((p) => [p.stripeTransferId!, p]));
    for (const t of api.transfers) {
      const net = t.amount - t.amount_reversed;
      transfersNetCents += net;
      const payout = payoutByTransfer.get(t.id);
      if (!payout) {
        differences.push(diff("payouts ↔ transfers", `transfer ${t.id} (${t.metadata.payout_key})`, 0, net, (byKey.get(t.metadata.payout_key!)?.length ?? 0) > 1 ? "A second transfer for the same payout key: the org was paid twice." : "A transfer with no payout recorded for it."));
      } else if (payout.status === "paid" && net !== payout.amountCents) {
        differences.push(diff("payouts ↔ transfers", `transfer ${t.id}`, payout.amountCents, net, t.amount_reversed > 0 ? "Partly reversed in Stripe; the payout is still recorded paid." : "The transfer's amount differs from the payout."));
      } else if (payout.status === "failed" && net !== 0) {
        differences.push(diff("payouts ↔ transfers", `transfer ${t.id}`, 0, net, "The payout is failed (its amount carried forward) but the transfer still stands in Stripe."));
      }
    }
    const transferIds = new Set(api.transfers.map((t) => t.id));
    for (const p of payouts.filter((x) => x.status === "paid" && x.stripeTransferId && !transferIds.has(x.stripeTransferId))) {
      differences.push(diff("payouts ↔ transfers", `payout ${p.idempotencyKey}`, p.amountCents, 0, `The payout's transfer ${p.stripeTransferId} is not in Stripe.`));
    }
  } else {
    transfersNetCents = payoutsPaidCents;
    if (opts.stripe !== undefined) notes.push("Transfers were not checked against Stripe.");
  }

  return {
    month: monthKey(month),
    ok: differences.length === 0,
    stripeApi,
    totals: {
      stripeInvoicesCents,
      stripeRefundsCents,
      revenueCents: revenue.reduce((s, r) => s + r.amountCents, 0),
      poolGrossCents: pools.reduce((s, p) => s + p.grossCents, 0),
      poolCents: pools.reduce((s, p) => s + p.poolCents, 0),
      shareLinesCents,
      statementsCents,
      payoutsPaidCents,
      transfersNetCents,
    },
    differences,
    notes,
  };
}

// For a finalized pool whose revenue moved: whether adjustment lines on finalized statements
// already settle the difference, or where the pending clawback sits.
async function adjustmentState(db: Db, pool: { id: string; poolCents: number; revenueShareBps: number }, gross: number) {
  const lines = await db.statementLine.findMany({ where: { poolId: pool.id, kind: "adjustment" }, select: { shareCents: true, statement: { select: { status: true, month: true } } } });
  const settled = lines.filter((l) => l.statement.status !== "draft").reduce((s, l) => s + l.shareCents, 0);
  const pending = lines.find((l) => l.statement.status === "draft");
  return { settled: settled === revenuePool(gross, pool.revenueShareBps) - pool.poolCents, pendingOn: pending ? monthKey(pending.statement.month) : null };
}
