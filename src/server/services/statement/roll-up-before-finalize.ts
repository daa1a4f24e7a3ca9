// HOOK: the month's contributions must be rolled up (from ingested sessions into `contributions`)
// before its statements are finalized, or the last hours of the month would be missing from the
// pools for ever. The contributions rollup is built in parallel (issue 9:
// src/server/services/contribution/rollup-contributions.ts); once it is merged, this calls it for
// `month`. Until then the contributions table is taken as it is.
import type { Db } from "~/server/db";

export async function rollUpContributionsBeforeFinalize(_db: Db, _month: Date): Promise<void> {
  // Intentionally empty until the rollup exists: see the comment above.
}
