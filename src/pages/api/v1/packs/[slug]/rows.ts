// The data API's rows: a route of its own rather than a tRPC procedure behind the /v1 catch-all,
// because it writes CSV and JSON Lines as well as JSON and sets its own headers. Next prefers this
// path to the catch-all, for /api/v1/... and for /v1/... through the rewrite. Documented by hand in
// the OpenAPI document (rest/rows-openapi.ts).
import type { NextApiRequest, NextApiResponse } from "next";
import { getDb } from "~/server/db";
import { AppError } from "~/server/errors";
import { restPathSegments } from "~/server/rest/routes";
import { getKeyRateLimiter } from "~/server/services/data-api/rate-limit";
import { serveRows } from "~/server/services/data-api/serve-rows";
import { writeRows, writeRowsError } from "~/server/services/data-api/write-rows";

// Any body is ignored, unread: GET has none.
export const config = { api: { bodyParser: false } };

export default async function rowsRoute(req: NextApiRequest, res: NextApiResponse) {
  try {
    if (req.method !== "GET") {
      res.setHeader("Allow", "GET");
      throw new AppError("method_not_allowed", "Use GET on this path.");
    }
    const url = req.url ?? "/";
    // The slug as the client sent it, percent-decoded once (Next's own param is decoded differently).
    const slug = restPathSegments(url)?.[1];
    if (!slug) throw new AppError("not_found", "There is no API route at this path.");
    const search = url.includes("?") ? url.slice(url.indexOf("?") + 1) : "";
    const served = await serveRows(getDb(), { authorization: req.headers.authorization, slug, search, limiter: getKeyRateLimiter() });
    writeRows(res, served);
  } catch (cause) {
    writeRowsError(res, cause);
  }
}
