import { z } from "zod";
import { parseMonth } from "~/lib/month";
import { listPayoutRuns } from "../services/payout/list-payout-runs";
import { requestPayoutRun } from "../services/payout/request-payout-run";
import { reconcileMonth } from "../services/reconciliation/reconcile-month";
import { refreshDraftStatements } from "../services/statement/refresh-draft-statements";
import { getStripe } from "../stripe/client";
import { platformOperatorProcedure, router } from "../trpc";

// A real month, "YYYY-MM".
const ZMonth = z
  .string()
  .regex(/^\d{4}-\d{2}$/, "Expected a month as YYYY-MM.")
  .transform((s, ctx) => parseMonth(s) ?? (ctx.addIssue({ code: "custom", message: "Not a real month." }), z.NEVER));

// Platform operators only (/admin/payouts): payout runs and reconciliation.
export const payoutRunRouter = router({
  list: platformOperatorProcedure.query(({ ctx }) => listPayoutRuns(ctx.db)),

  request: platformOperatorProcedure
    .input(z.object({ month: ZMonth }))
    .mutation(({ ctx, input }) => requestPayoutRun(ctx.db, { month: input.month, userId: ctx.userId })),

  reconcile: platformOperatorProcedure
    .input(z.object({ month: ZMonth }))
    .query(({ ctx, input }) => reconcileMonth(ctx.db, input.month, { stripe: getStripe() })),

  refreshDrafts: platformOperatorProcedure.mutation(async ({ ctx }) => ({ months: await refreshDraftStatements(ctx.db) })),
});
