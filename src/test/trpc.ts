import type { PageConfig } from "next";
import * as trpcRoute from "~/pages/api/trpc/[trpc]";
import { startApiServer } from "./next-api";

// The tRPC endpoint as Next serves it, with Next's JSON body parser on unless the route turns it off.
export function startTrpcServer() {
  const config = (trpcRoute as { config?: PageConfig }).config;
  return startApiServer([
    { prefix: "/api/trpc/", handler: trpcRoute.default, catchAll: "trpc", bodyParser: config?.api?.bodyParser !== false },
  ]);
}
