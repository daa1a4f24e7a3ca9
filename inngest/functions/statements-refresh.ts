// Hourly: the live draft statements (this month, and last month until it is paid out) are
// recomputed from revenue and contributions, so a seller's payouts page is at most an hour behind.
// Recomputing replaces the drafts, so a retry or an overlapping run is harmless.
import { cron } from "inngest";
import { getDb } from "~/server/db";
import { refreshDraftStatements } from "~/server/services/statement/refresh-draft-statements";
import { inngest } from "../client";

export const STATEMENTS_REFRESH_CRON = "TZ=UTC 30 * * * *";

export const statementsRefresh = inngest.createFunction(
  { id: "statements-refresh", name: "Statements: recompute the live drafts, hourly", triggers: [cron(STATEMENTS_REFRESH_CRON)], retries: 3 },
  async ({ step }) => step.run("refresh", () => refreshDraftStatements(getDb())),
);
