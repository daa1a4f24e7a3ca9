// The live drafts: the current month, and last month until its payout run finalizes it, recomputed
// from revenue and contributions (hourly by the statements-refresh workflow, and on demand). Pending
// adjustments and carried-forward amounts go onto the earliest of them that is open.
import { addMonths, monthStart } from "~/lib/month";
import type { Db } from "~/server/db";
import { inLockedTransaction } from "~/server/services/lock";
import { computeDraftStatements, isMonthFinalized, type ComputeResult } from "./compute-statements";
import { STATEMENTS_LOCK, STATEMENTS_LOCK_WAIT_MS } from "./statements-lock";

export async function refreshDraftStatements(db: Db, now = new Date()): Promise<ComputeResult[]> {
  return inLockedTransaction(
    db,
    STATEMENTS_LOCK,
    async (tx) => {
      const current = monthStart(now);
      const open: Date[] = [];
      for (const month of [addMonths(current, -1), current]) if (!(await isMonthFinalized(tx, month))) open.push(month);
      const results: ComputeResult[] = [];
      for (const [i, month] of open.entries()) results.push(await computeDraftStatements(tx, month, { includePending: i === 0 }));
      return results;
    },
    { timeoutMs: STATEMENTS_LOCK_WAIT_MS },
  );
}
