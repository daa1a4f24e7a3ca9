import { encode } from "next-auth/jwt";
import { authSecret } from "~/env";
import { restHandler } from "~/server/rest/handler";
import { startApiServer } from "./next-api";

// The REST surface as Next serves it: /v1 and /v1/<path> reach the catch-all route with query.trpc.
export function startRestServer() {
  return startApiServer([{ prefix: "/v1", handler: restHandler, catchAll: "trpc" }]);
}

export async function sessionCookie(user: { id: string; email: string }): Promise<string> {
  const token = await encode({ token: { sub: user.id, email: user.email }, secret: authSecret() });
  return `next-auth.session-token=${token}`;
}
