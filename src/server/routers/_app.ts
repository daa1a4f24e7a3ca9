import { createCallerFactory, router } from "../trpc";
import { apiKeyRouter } from "./api-key";
import { connectRouter } from "./connect";
import { contributionRouter } from "./contribution";
import { optInRouter } from "./opt-in";
import { orgRouter } from "./org";
import { packRouter } from "./pack";
import { productRouter } from "./product";
import { payoutRunRouter } from "./payout-run";
import { snapshotRouter } from "./snapshot";
import { statementRouter } from "./statement";
import { subscriptionRouter } from "./subscription";
import { usageRouter } from "./usage";

export const appRouter = router({
  pack: packRouter,
  org: orgRouter,
  subscription: subscriptionRouter,
  usage: usageRouter,
  apiKey: apiKeyRouter,
  snapshot: snapshotRouter,
  statement: statementRouter,
  connect: connectRouter,
  product: productRouter,
  optIn: optInRouter,
  contribution: contributionRouter,
  payoutRun: payoutRunRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
