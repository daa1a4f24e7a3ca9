import { getUsage } from "../services/usage/get-usage";
import { ZUsage, ZUsageInput } from "../services/usage/usage-schemas";
import { orgProcedure, router } from "../trpc";

export const usageRouter = router({
  get: orgProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/marketplace/usage",
        tags: ["Buying"],
        summary: "This period's usage of each pack you can read: rows used, quota, alerts, rows per day",
        protect: true,
      },
    })
    .input(ZUsageInput)
    .output(ZUsage)
    .query(({ ctx, input }) => getUsage(ctx.db, { orgId: ctx.org.id, pack: input.pack })),
});
