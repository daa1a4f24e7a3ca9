import { createCallerFactory, router } from "../trpc";
import { apiKeyRouter } from "./api-key";
import { contributionRouter } from "./contribution";
import { optInRouter } from "./opt-in";
import { orgRouter } from "./org";
import { packRouter } from "./pack";
import { productRouter } from "./product";
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
  product: productRouter,
  optIn: optInRouter,
  contribution: contributionRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
