// Hourly housekeeping: expired sign-in tokens and sessions, and outbox rows delivered long ago.
import { cron } from "inngest";
import { getDb } from "~/server/db";
import { PURGE_TARGETS, purgeExpired, type PurgeTarget } from "~/server/services/maintenance/purge-expired";
import { inngest } from "../client";

export const heartbeatCleanup = inngest.createFunction(
  {
    id: "heartbeat-cleanup",
    name: "Heartbeat: purge expired records",
    triggers: [cron("TZ=UTC 0 * * * *")],
    retries: 3,
  },
  async ({ step }) => {
    const deleted = {} as Record<PurgeTarget, number>;
    for (const target of PURGE_TARGETS) {
      const result = await step.run(`purge-${target}`, () => purgeExpired(getDb(), { target }));
      deleted[target] = result.deleted;
    }
    return { deleted };
  },
);
