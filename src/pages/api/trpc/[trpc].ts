import { createNextApiHandler } from "@trpc/server/adapters/next";
import { createContext } from "~/server/context";
import { logUnexpectedError } from "~/server/log";
import { appRouter } from "~/server/routers/_app";

export default createNextApiHandler({
  router: appRouter,
  createContext,
  onError: ({ error, path }) => logUnexpectedError(error, `tRPC ${path ?? "(unknown)"}`),
});
