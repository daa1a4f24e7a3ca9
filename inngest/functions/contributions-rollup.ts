// Every five minutes: sessions contributed per org, product, pack and month, from the pack rows,
// for the contributions page and the monthly statements. Recomputing from the rows makes a retry
// or an overlapping run harmless (services/contribution/rollup-contributions.ts).
import { cron } from "inngest";
import { getDb } from "~/server/db";
import { rollupContributions } from "~/server/services/contribution/rollup-contributions";
import { inngest } from "../client";

export const contributionsRollup = inngest.createFunction(
  {
    id: "contributions-rollup",
    name: "Contributions rollup: sessions per org, product, pack and month",
    triggers: [cron("TZ=UTC */5 * * * *")],
    retries: 3,
  },
  async ({ step }) => step.run("rollup", () => rollupContributions(getDb())),
);
