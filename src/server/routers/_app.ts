import { createCallerFactory, router } from "../trpc";
import { orgRouter } from "./org";
import { packRouter } from "./pack";
import { snapshotRouter } from "./snapshot";
import { subscriptionRouter } from "./subscription";

export const appRouter = router({
  pack: packRouter,
  org: orgRouter,
  subscription: subscriptionRouter,
  snapshot: snapshotRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
