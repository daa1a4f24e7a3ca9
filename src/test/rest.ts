import type { NextApiRequest, NextApiResponse } from "next";
import { encode } from "next-auth/jwt";
import { authSecret } from "~/env";
import ingestSessionsRoute from "~/pages/api/v1/ingest/sessions";
import rowsRoute from "~/pages/api/v1/packs/[slug]/rows";
import { restHandler } from "~/server/rest/handler";
import { snapshotDownloadHandler } from "~/server/rest/snapshot-download";
import { startApiServer } from "./next-api";
import { ROWS_ROUTE_PATTERN } from "./rows-api";

const SNAPSHOT_DOWNLOAD = /^\/v1\/snapshots\/([^/]+)\/download$/;

// As Next routes /v1 (rewritten to /api/v1): the dynamic route api/v1/snapshots/[snapshotId]/download
// first, with its parameter decoded, and the catch-all for every other path.
export function routeV1(req: NextApiRequest, res: NextApiResponse) {
  const match = SNAPSHOT_DOWNLOAD.exec(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
  if (match) {
    try {
      req.query = { ...req.query, snapshotId: decodeURIComponent(match[1]!) };
      delete req.query.trpc;
      return snapshotDownloadHandler(req, res);
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
