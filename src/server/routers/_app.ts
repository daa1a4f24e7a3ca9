import { createCallerFactory, router } from "../trpc";
import { orgRouter } from "./org";
import { packRouter } from "./pack";

export const appRouter = router({
  pack: packRouter,
  org: orgRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
