import { createCallerFactory, router } from "../trpc";
import { orgRouter } from "./org";
import { packRouter } from "./pack";
import { subscriptionRouter } from "./subscription";

export const appRouter = router({
  pack: packRouter,
  org: orgRouter,
  subscription: subscriptionRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
