// The monthly payout (DESIGN.md §4, §7): on the 5th at 06:00 UTC, or when a platform operator asks,
// for last month:
//   start     the payout_runs row the admin page follows (an operator's request brings its own);
//   roll-up-contributions, finalize
//             count the month's last sessions, then compute and freeze its statements in one
//             transaction (a no-op once done);
//   fan-out   one `payout/org.requested` event per statement to pay: each org is paid by its own
//             run of `payout-pay-org` (below), one `pay-<org>` step each, so a month of 10,000 sellers
//             stays within Inngest's 1,000 steps per run and orgs are paid in parallel;
//   report    when there is nothing to pay; otherwise the org run that settles the month's last
//             statement finishes the run (services/payout/payout-runs.ts).
// Every step can fail and be retried, and the whole run re-run, without paying anyone twice or
// skipping anyone: finalize answers the same statements, a paid statement is not paid again
// (services/payout/pay-statement.ts), and the events' ids start each org's run once per run.
// Errors of every step are kept on the run, even when a retry succeeds.
import { cron } from "inngest";
import { addMonths, monthKey, monthStart, parseMonth } from "~/lib/month";
import { getDb } from "~/server/db";
import { payStatement, type PayOutcome } from "~/server/services/payout/pay-statement";
import { finishPayoutRun, finishPayoutRunIfSettled, recordRunError } from "~/server/services/payout/payout-runs";
import { rollupContributions } from "~/server/services/contribution/rollup-contributions";
import { finalizeStatements } from "~/server/services/statement/finalize-statements";
import { getSqlPool } from "~/server/sql-pool";
import { getStripe } from "~/server/stripe/client";
import { inngest } from "../client";
import { payoutOrgRequested, payoutRunRequested } from "../events";

export const PAYOUT_CRON = "TZ=UTC 0 6 5 * *";

const FAN_OUT_CHUNK = 500;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

// Runs a step's work, keeping its error on the run before handing it to Inngest for a retry.
async function keepingErrors<T>(runId: string, orgId: string | null, step: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await recordRunError(getDb(), runId, { orgId, step, message: describe(error) }).catch(() => undefined);
    throw error;
  }
}

const cronRunId = (eventId: string | undefined, month: string) => `cron:${month}:${eventId ?? "unknown"}`;

function monthOfRun(event: { name: string; data: unknown; ts?: number; id?: string }): { month: string; runId: string | null } {
  if (event.name === payoutRunRequested.name) {
    const data = event.data as { month: string; runId: string };
    return { month: data.month, runId: data.runId };
  }
  const month = monthKey(addMonths(monthStart(new Date(event.ts ?? Date.now())), -1));
  return { month, runId: null };
}

export const payoutRun = inngest.createFunction(
  {
    id: "payout-run",
    name: "Payouts: last month's statements, on the 5th",
    triggers: [cron(PAYOUT_CRON), payoutRunRequested],
    retries: 4,
    // Runs of the payout queue one behind the other; correctness does not depend on it.
    concurrency: { limit: 1 },
    onFailure: async ({ event, error }) => {
      const original = event.data.event as { name: string; data: unknown; ts?: number; id?: string };
      const { month, runId } = monthOfRun(original);
      const id = runId ?? cronRunId(original.id, month);
      const db = getDb();
      if (await db.payoutRun.findUnique({ where: { id }, select: { id: true } })) {
        await finishPayoutRun(db, id, { status: "failed", error: `The run stopped: ${describe(error)}` });
      }
    },
  },
  async ({ event, step }) => {
    const { month, runId } = await step.run("start", async () => {
      const planned = monthOfRun(event);
      if (planned.runId) return { month: planned.month, runId: planned.runId };
      const id = cronRunId(event.id, planned.month);
      await getDb().payoutRun.upsert({ where: { id }, create: { id, month: parseMonth(planned.month)!, trigger: "cron" }, update: {} });
      return { month: planned.month, runId: id };
    });
    const monthDay = parseMonth(month)!;

    // The month's last sessions must be counted before its statements freeze for ever.
    await step.run("roll-up-contributions", () =>
      keepingErrors(runId, null, "roll-up-contributions", () =>
        rollupContributions(getDb(), { range: { from: monthDay, until: addMonths(monthDay, 1) } }).then(() => null),
      ),
    );
    const summary = await step.run("finalize", () => keepingErrors(runId, null, "finalize", () => finalizeStatements(getDb(), monthDay)));
    await step.run("count", () => getDb().payoutRun.update({ where: { id: runId }, data: { orgsTotal: summary.statements } }).then(() => null));

    // Sent in chunks that keep each request to Inngest small; a retry resends them all, and Inngest
    // drops the ids it has already seen.
    const orgsToPay = await step.run("fan-out", async () => {
      const events = summary.toPay.map(({ orgId, statementId }) => ({
        id: `payout-org:${runId}:${statementId}`,
        name: payoutOrgRequested.name,
        data: { runId, month, statementId, orgId },
      }));
      for (let i = 0; i < events.length; i += FAN_OUT_CHUNK) await inngest.send(events.slice(i, i + FAN_OUT_CHUNK));
      return events.length;
    });
    if (orgsToPay > 0) return { runId, month, orgsToPay };

    return step.run("report", async () => {
      const run = await finishPayoutRun(getDb(), runId, { status: "succeeded" });
      return { ...run, month, paidCents: run.paidCents.toString() };
    });
  },
);

// One org's payout in a run: its transfer, then, if that settled the month's last statement, the
// run's report. Retried on its own; when its retries run out the run is marked failed with why.
export const payoutPayOrg = inngest.createFunction(
  {
    id: "payout-pay-org",
    name: "Payouts: pay one org",
    triggers: [payoutOrgRequested],
    retries: 4,
    // How many transfers are made at once (per app, across runs).
    concurrency: { limit: 32 },
    onFailure: async ({ event, error }) => {
      const { runId } = (event.data.event as { data: { runId: string } }).data;
      await finishPayoutRun(getDb(), runId, { status: "failed", error: `An org's payout stopped: ${describe(error)}` });
    },
  },
  async ({ event, step }) => {
    const { runId, orgId, statementId } = event.data;
    const stepId = `pay-${orgId}`;
    const outcome = await step.run(stepId, () =>
      keepingErrors(runId, orgId, stepId, async (): Promise<PayOutcome> => {
        const result = await payStatement(getSqlPool(), getStripe(), { statementId });
        if (result.state === "failed" || result.state === "carried_forward") {
          await recordRunError(getDb(), runId, { orgId, step: stepId, message: result.reason });
        }
        return result;
      }),
    );
    await step.run("report-if-settled", () => finishPayoutRunIfSettled(getDb(), runId).then(() => null));
    return outcome;
  },
);
