import { getContributions } from "../services/contribution/get-contributions";
import { ZContributions, ZContributionsInput } from "../services/contribution/contribution-schemas";
import { parseMonthInput } from "../validation/month";
import { orgProcedure, router } from "../trpc";

export const contributionRouter = router({
  get: orgProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/marketplace/contributions",
        tags: ["Selling"],
        summary: "Your sessions per pack in a month, your share of each pack's sessions, an estimate of your revenue share, and each pack's subscribers and rows served",
        description:
          "Figures come from the monthly contributions rollup. The revenue estimate is your part of the pack's pool " +
          "(floor(gross × revenueShareBps / 10000) of the month's revenue so far) in proportion to sessions so far; the " +
          "month's statement is what you are paid. Pack figures are totals over every contributor and buyer: no other " +
          "contributor is ever named or counted on its own.",
        protect: true,
      },
    })
    .input(ZContributionsInput)
    .output(ZContributions)
    .query(({ ctx, input }) =>
      getContributions(ctx.db, { orgId: ctx.org.id, month: input.month === undefined ? undefined : parseMonthInput(input.month)! }),
    ),
});
