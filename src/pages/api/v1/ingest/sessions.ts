// Session ingest for sellers: a route of its own rather than a tRPC procedure behind the /v1
// catch-all, because a batch of 1,000 sessions must be validated and written in a few round trips
// (see services/ingest). Next prefers this path to the catch-all, for /api/v1/... and for /v1/...
// through the rewrite. Documented by hand in the OpenAPI document (rest/ingest-openapi.ts).
import type { NextApiRequest, NextApiResponse } from "next";
import { getDb } from "~/server/db";
import { AppError } from "~/server/errors";
import { getKeyRateLimiter } from "~/server/services/data-api/rate-limit";
import { serveIngest, writeIngestError, writeIngestResult } from "~/server/services/ingest/serve-ingest";

// The body is read (with its own size limit) by serveIngest.
export const config = { api: { bodyParser: false } };

export default async function ingestSessionsRoute(req: NextApiRequest, res: NextApiResponse) {
  try {
    if (req.method !== "POST") {
      res.setHeader("Allow", "POST");
      throw new AppError("method_not_allowed", "Use POST on this path.");
    }
    writeIngestResult(res, await serveIngest(getDb(), req, getKeyRateLimiter()));
  } catch (cause) {
    writeIngestError(res, cause);
  }
}
