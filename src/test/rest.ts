import { encode } from "next-auth/jwt";
import { authSecret } from "~/env";
import rowsRoute from "~/pages/api/v1/packs/[slug]/rows";
import { restHandler } from "~/server/rest/handler";
import { startApiServer } from "./next-api";
import { ROWS_ROUTE_PATTERN } from "./rows-api";

// The REST surface as Next serves it: the data API's rows route, and /v1 and /v1/<path> reach the
// catch-all route with query.trpc.
export function startRestServer() {
  return startApiServer([
    { prefix: "/v1/packs/", pattern: ROWS_ROUTE_PATTERN, handler: rowsRoute },
    { prefix: "/v1", handler: restHandler, catchAll: "trpc" },
  ]);
}

export async function sessionCookie(user: { id: string; email: string }): Promise<string> {
  const token = await encode({ token: { sub: user.id, email: user.email }, secret: authSecret() });
  return `next-auth.session-token=${token}`;
}
