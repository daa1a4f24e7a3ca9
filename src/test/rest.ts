import type { NextApiRequest, NextApiResponse } from "next";
import { encode } from "next-auth/jwt";
import { authSecret } from "~/env";
import ingestSessionsRoute from "~/pages/api/v1/ingest/sessions";
import rowsRoute from "~/pages/api/v1/packs/[slug]/rows";
import { restHandler } from "~/server/rest/handler";
import { snapshotDownloadHandler } from "~/server/rest/snapshot-download";
import { statementDownloadHandler } from "~/server/rest/statement-download";
import { startApiServer } from "./next-api";
import { ROWS_ROUTE_PATTERN } from "./rows-api";

// As Next routes /v1 (rewritten to /api/v1): the dynamic routes api/v1/snapshots/[snapshotId]/download
// and api/v1/marketplace/statements/[file] first, with their parameter decoded, and the catch-all
// for every other path.
const DYNAMIC_ROUTES = [
  { pattern: /^\/v1\/snapshots\/([^/]+)\/download$/, param: "snapshotId", handler: snapshotDownloadHandler },
  { pattern: /^\/v1\/marketplace\/statements\/([^/]+)$/, param: "file", handler: statementDownloadHandler },
];

export function routeV1(req: NextApiRequest, res: NextApiResponse) {
  const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
  for (const route of DYNAMIC_ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    try {
      req.query = { ...req.query, [route.param]: decodeURIComponent(match[1]!) };
      delete req.query.trpc;
      return route.handler(req, res);
    } catch {
      // Malformed percent-encoding: the catch-all answers it (400), as proxy.ts does under Next.
    }
  }
  return restHandler(req, res);
}

// As Next routes it: /v1/ingest/sessions (through the rewrite) and /api/v1/ingest/sessions.
export const INGEST_ROUTE_PATTERN = /^\/(api\/)?v1\/ingest\/sessions$/;

// The REST surface as Next serves it: the data API's rows route and session ingest (routes of their
// own, like the snapshot download), and /v1 and /v1/<path> reach the catch-all route with query.trpc.
export function startRestServer() {
  return startApiServer([
    { prefix: "/v1/packs/", pattern: ROWS_ROUTE_PATTERN, handler: rowsRoute },
    { prefix: "/v1/ingest/", pattern: INGEST_ROUTE_PATTERN, handler: ingestSessionsRoute },
    { prefix: "/v1", handler: routeV1, catchAll: "trpc" },
  ]);
}

export async function sessionCookie(user: { id: string; email: string }): Promise<string> {
  const token = await encode({ token: { sub: user.id, email: user.email }, secret: authSecret() });
  return `next-auth.session-token=${token}`;
}
