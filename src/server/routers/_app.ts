import { createCallerFactory, router } from "../trpc";
import { apiKeyRouter } from "./api-key";
import { orgRouter } from "./org";
import { packRouter } from "./pack";
import { payoutRunRouter } from "./payout-run";
import { snapshotRouter } from "./snapshot";
import { subscriptionRouter } from "./subscription";
import { usageRouter } from "./usage";

export const appRouter = router({
  pack: packRouter,
  org: orgRouter,
  subscription: subscriptionRouter,
  usage: usageRouter,
  apiKey: apiKeyRouter,
  snapshot: snapshotRouter,
  payoutRun: payoutRunRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
