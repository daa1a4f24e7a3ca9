// From opt-in history to monthly contributions: sessions judged at their own time against the
// product's opt-in periods and the org's global switch, rolled up exactly per month; the rollup is
// idempotent, and any shuffled, duplicated sequence of batches (sent at once) ends in the same rows
// and contributions as sending each session once.
import { InngestTestEngine } from "@inngest/test";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/server/db";
import { makePack, makeSeller, type Period } from "~/test/factories";
import { contributionsRollup } from "../../../../inngest/functions/contributions-rollup";
import { appendPackRows } from "../data-api/append-pack-rows";
import { clearIngestPackCache } from "../ingest/ingest-packs";
import { ingestSessions } from "../ingest/ingest-sessions";
import { rollupContributions } from "./rollup-contributions";

const at = (iso: string) => new Date(iso);
// The month under test is November 2026, seen from its last day.
const NOW = at("2026-11-30T12:00:00Z");
const NOVEMBER = at("2026-11-01T00:00:00Z");

beforeEach(() => clearIngestPackCache());

function sessionAt(seller: { product: { id: string } }, pack: { slug: string }, sid: string, time: string) {
  return { client_session_id: sid, product_id: seller.product.id, pack: pack.slug, occurred_at: time, payload: { city: sid, trips: 1 } };
}

async function contributionsOf(orgId: string) {
  return getDb().contribution.findMany({
    where: { orgId },
    orderBy: [{ month: "asc" }, { productId: "asc" }],
    select: { productId: true, packId: true, month: true, sessions: true },
  });
}

describe("opt-in history → monthly contributions", () => {
  it("counts exactly the sessions inside both the opt-in and the global switch, across a mid-month opt-out and a switch-off gap", async () => {
    const db = getDb();
    const pack = await makePack();
    // Opted in from 20 October until the opt-out on 16 November 00:00; the switch off from 8 to 10 November.
    const seller = await makeSeller([pack.id], {
      optInPeriods: [{ startedAt: at("2026-10-20T00:00:00Z"), endedAt: at("2026-11-16T00:00:00Z") }],
      switchPeriods: [{ startedAt: at("2026-10-01T00:00:00Z"), endedAt: at("2026-11-08T00:00:00Z") }, { startedAt: at("2026-11-10T00:00:00Z") }],
    });
    // A second product of the org, opted in on 20 November and never opted out.
    const late = await db.product.create({ data: { orgId: seller.org.id, name: "Late product" } });
    await db.packOrgMembership.create({
      data: { orgId: seller.org.id, productId: late.id, packId: pack.id, enabled: true, periods: { create: { startedAt: at("2026-11-20T00:00:00Z") } } },
    });

    const sessions = [];
    for (let day = 1; day <= 29; day++) {
      const time = `2026-11-${String(day).padStart(2, "0")}T12:00:00Z`;
      sessions.push(sessionAt(seller, pack, `a-${day}`, time));
      sessions.push({ ...sessionAt(seller, pack, `b-${day}`, time), product_id: late.id });
    }
    // The boundaries: a period includes its start and excludes its end.
    sessions.push(sessionAt(seller, pack, "switch-off-instant", "2026-11-08T00:00:00Z"));
    sessions.push(sessionAt(seller, pack, "switch-on-instant", "2026-11-10T00:00:00Z"));
    sessions.push(sessionAt(seller, pack, "last-ms-before-opt-out", "2026-11-15T23:59:59.999Z"));
    sessions.push(sessionAt(seller, pack, "opt-out-instant", "2026-11-16T00:00:00Z"));
    sessions.push(sessionAt(seller, pack, "october", "2026-10-25T12:00:00Z"));

    const answer = await ingestSessions(db, { orgId: seller.org.id, sessions, now: NOW });
    const status = (sid: string) => {
      const result = answer.results.find((r) => r.client_session_id === sid)!;
      return result.error?.code ?? result.status;
    };
    // Days 1-7 and 10-15 for the first product (8 and 9 are in the switch-off gap, 16 on after its opt-out).
    const firstProductDays = [1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15];
    for (let day = 1; day <= 29; day++) {
      expect(status(`a-${day}`), `a-${day}`).toBe(firstProductDays.includes(day) ? "accepted" : day === 8 || day === 9 ? "marketplace_off" : "not_opted_in");
      expect(status(`b-${day}`), `b-${day}`).toBe(day >= 20 ? "accepted" : day === 8 || day === 9 ? "marketplace_off" : "not_opted_in");
    }
    expect(["switch-off-instant", "switch-on-instant", "last-ms-before-opt-out", "opt-out-instant", "october"].map(status)).toEqual([
      "marketplace_off",
      "accepted",
      "accepted",
      "not_opted_in",
      "invalid_time",
    ]);
    expect(answer.accepted).toBe(13 + 2 + 10);

    // A row of another month, however it got there, is another month's figure.
    await db.$transaction((tx) =>
      appendPackRows(tx, [{ packId: pack.id, contributorOrgId: seller.org.id, productId: seller.product.id, clientSessionId: "oct-31", data: { city: "x", trips: 1 }, sessionAt: at("2026-10-31T23:59:59.999Z") }]),
    );

    const expected = [
      { productId: seller.product.id, packId: pack.id, month: at("2026-10-01T00:00:00Z"), sessions: 1 },
      ...[
        { productId: seller.product.id, packId: pack.id, month: NOVEMBER, sessions: 15 },
        { productId: late.id, packId: pack.id, month: NOVEMBER, sessions: 10 },
      ].sort((x, y) => x.productId.localeCompare(y.productId)),
    ];
    expect(await rollupContributions(db, { now: NOW })).toMatchObject({ from: "2026-10-01", until: "2026-12-01", written: 3, removed: 0 });
    expect(await contributionsOf(seller.org.id)).toEqual(expected);

    // Sending it all again changes nothing; a second rollup writes nothing and gives the same figures.
    const again = await ingestSessions(db, { orgId: seller.org.id, sessions, now: NOW });
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBe(25);
    expect(await rollupContributions(db, { now: NOW })).toMatchObject({ written: 0, removed: 0 });
    expect(await contributionsOf(seller.org.id)).toEqual(expected);

    // A figure whose rows are gone goes too.
    await db.packRow.deleteMany({ where: { productId: late.id } });
    expect(await rollupContributions(db, { now: NOW })).toMatchObject({ removed: 1 });
    expect(await contributionsOf(seller.org.id)).toEqual(expected.filter((c) => c.productId !== late.id));
  });

  it("runs every five minutes as the contributions-rollup workflow, on this month and the last", async () => {
    const db = getDb();
    const pack = await makePack();
    const seller = await makeSeller([pack.id]);
    const result = await ingestSessions(db, {
      orgId: seller.org.id,
      sessions: [1, 2, 3].map((n) => sessionAt(seller, pack, `now-${n}`, new Date(Date.now() - n * 1000).toISOString())),
    });
    expect(result.accepted).toBe(3);
    const { result: ran, ctx } = await new InngestTestEngine({ function: contributionsRollup }).execute();
    expect(ctx.step.run).toHaveBeenCalledTimes(1);
    expect(ran).toMatchObject({ written: 1 });
    const month = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
    expect(await contributionsOf(seller.org.id)).toEqual([{ productId: seller.product.id, packId: pack.id, month, sessions: 3 }]);
  });
});

describe("ingest is order- and repetition-independent (property)", () => {
  // Opted into pack A from 1 to 15 and from 20 November on, never into B; the switch off from 25 to 27 November.
  const OPT_IN: Period[] = [
    { startedAt: at("2026-11-01T00:00:00Z"), endedAt: at("2026-11-15T00:00:00Z") },
    { startedAt: at("2026-11-20T00:00:00Z") },
  ];
  const SWITCH: Period[] = [{ startedAt: at("2026-10-01T00:00:00Z"), endedAt: at("2026-11-25T00:00:00Z") }, { startedAt: at("2026-11-27T00:00:00Z") }];
  const inside = (periods: Period[], time: Date) => periods.some((p) => p.startedAt <= time && (!p.endedAt || time < p.endedAt));

  // Thirty sessions, each always sent with the same content: to A or B, a time in November, and
  // every seventh with a payload the pack refuses.
  const UNIVERSE = Array.from({ length: 30 }, (_, i) => ({
    sid: `s-${i}`,
    toA: i % 5 !== 0,
    time: new Date(Date.UTC(2026, 10, 1 + (i % 29), 6 + (i % 12))),
    valid: i % 7 !== 3,
  }));

  it("any shuffled, duplicated sequence of batches, sent at once, gives the rows and contributions of sending each session once", async () => {
    const db = getDb();
    const [packA, packB] = [await makePack(), await makePack()];
    const batches = fc.array(fc.array(fc.nat(UNIVERSE.length - 1), { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(batches, async (sequence) => {
        const seller = await makeSeller([packA.id], { optInPeriods: OPT_IN, switchPeriods: SWITCH });
        const toSession = (i: number) => {
          const s = UNIVERSE[i]!;
          const base = sessionAt(seller, s.toA ? packA : packB, s.sid, s.time.toISOString());
          return s.valid ? base : { ...base, payload: { city: s.sid } };
        };
        const answers = await Promise.all(sequence.map((batch) => ingestSessions(db, { orgId: seller.org.id, sessions: batch.map(toSession), now: NOW })));

        const sent = [...new Set(sequence.flat())].map((i) => UNIVERSE[i]!);
        const expected = sent.filter((s) => s.valid && s.toA && inside(OPT_IN, s.time) && inside(SWITCH, s.time)).map((s) => s.sid).sort();
        const accepted = answers.flatMap((a) => a.results.filter((r) => r.status === "accepted").map((r) => r.client_session_id!));
        expect(accepted.sort()).toEqual(expected);
        const rows = await db.packRow.findMany({ where: { contributorOrgId: seller.org.id }, select: { clientSessionId: true, packId: true, sessionAt: true, data: true } });
        expect(rows.map((r) => r.clientSessionId).sort()).toEqual(expected);
        for (const row of rows) {
          const s = UNIVERSE.find((u) => u.sid === row.clientSessionId)!;
          expect(row).toMatchObject({ packId: packA.id, sessionAt: s.time, data: { city: s.sid, trips: 1 } });
        }
        await rollupContributions(db, { now: NOW });
        expect(await contributionsOf(seller.org.id)).toEqual(
          expected.length > 0 ? [{ productId: seller.product.id, packId: packA.id, month: NOVEMBER, sessions: expected.length }] : [],
        );
      }),
      { numRuns: 15 },
    );
  });
});
