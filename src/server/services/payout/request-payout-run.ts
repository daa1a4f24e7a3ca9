// A platform operator asks for a month's payout run now: the payout_runs row (which the admin page
// follows at once) and the workflow's event are written in one transaction through the outbox. While
// a run of that month is running, another request is a conflict (a double click starts one run).
import { monthKey } from "~/lib/month";
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
// Not "~/server/outbox": its relay loads the app's Inngest client, which routers must not (the relay
// delivers the event within its 2-second tick).
import { enqueueEvent } from "~/server/outbox/enqueue-event";
import { lockKey } from "~/server/services/lock";
import { payoutRunRequested } from "../../../../inngest/events";

// A run that has not finished after this long is taken as dead (its workflow failed without saying).
const STALE_RUN_MS = 6 * 3600_000;

export async function requestPayoutRun(db: Db, input: { month: Date; userId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const run = await db.$transaction(async (tx) => {
    await lockKey(tx, `payout-run-request:${monthKey(input.month)}`);
    const running = await tx.payoutRun.findFirst({
      where: { month: input.month, status: "running", startedAt: { gt: new Date(now.getTime() - STALE_RUN_MS) } },
      select: { id: true },
    });
    if (running) throw new AppError("conflict", `A payout run for ${monthKey(input.month)} is already running.`);
    const created = await tx.payoutRun.create({
      data: { month: input.month, trigger: "manual", triggeredById: input.userId },
      select: { id: true, month: true, status: true, startedAt: true },
    });
    await enqueueEvent(tx, {
      id: `payout-run-requested:${created.id}`,
      name: payoutRunRequested.name,
      data: { runId: created.id, month: monthKey(input.month), requestedById: input.userId },
    });
    return created;
  });
  return { id: run.id, month: monthKey(run.month), status: run.status, startedAt: run.startedAt };
}
