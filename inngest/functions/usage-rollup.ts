// Every five minutes: rows used per counter and UTC day, from the debit log, for the usage chart.
// Recomputing from the log makes a retry or an overlapping run harmless; readers count whatever a
// run has not settled yet from the log, so the chart never lags (services/usage/usage-series.ts).
import { cron } from "inngest";
import { getDb } from "~/server/db";
import { rollupUsage } from "~/server/services/usage/rollup-usage";
import { inngest } from "../client";

export const usageRollup = inngest.createFunction(
  {
    id: "usage-rollup",
    name: "Usage rollup: rows per counter and day",
    triggers: [cron("TZ=UTC */5 * * * *")],
    retries: 3,
  },
  async ({ step }) => step.run("rollup", () => rollupUsage(getDb())),
);
