// The monthly payout (DESIGN.md §4, §7): on the 5th at 06:00 UTC, or when a platform operator asks,
// for last month:
//   start     the payout_runs row the admin page follows (an operator's request brings its own);
//   finalize  compute and freeze the month's statements in one transaction (a no-op once done);
//   pay-<org> one step per statement to pay: one Stripe transfer, found again rather than made twice
//             (services/payout/pay-statement.ts);
//   report    the totals, counted from the statements.
// Every step can fail and be retried, and the whole run re-run, without paying anyone twice or
// skipping anyone: finalize answers the same statements, and a paid statement is not paid again.
// Errors of every step are kept on the run, even when a retry succeeds.
import { cron } from "inngest";
import { addMonths, monthKey, monthStart, parseMonth } from "~/lib/month";
import { getDb } from "~/server/db";
import { payStatement, type PayOutcome } from "~/server/services/payout/pay-statement";
import { finishPayoutRun, recordRunError } from "~/server/services/payout/payout-runs";
import { rollupContributions } from "~/server/services/contribution/rollup-contributions";
import { finalizeStatements } from "~/server/services/statement/finalize-statements";
import { getSqlPool } from "~/server/sql-pool";
import { getStripe } from "~/server/stripe/client";
import { inngest } from "../client";
import { payoutRunRequested } from "../events";

export const PAYOUT_CRON = "TZ=UTC 0 6 5 * *";

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

    const outcomes: Record<string, PayOutcome["state"]> = {};
    for (const { orgId, statementId } of summary.toPay) {
      const stepId = `pay-${orgId}`;
      const outcome = await step.run(stepId, () =>
        keepingErrors(runId, orgId, stepId, async () => {
          const result = await payStatement(getSqlPool(), getStripe(), { statementId });
          if (result.state === "failed" || result.state === "carried_forward") {
            await recordRunError(getDb(), runId, { orgId, step: stepId, message: result.reason });
          }
          return result;
        }),
      );
      outcomes[orgId] = outcome.state;
    }

    return step.run("report", async () => {
      const run = await finishPayoutRun(getDb(), runId, { status: "succeeded" });
      return { ...run, month, paidCents: run.paidCents.toString(), outcomes };
    });
  },
);
