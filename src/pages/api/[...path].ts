import type { NextApiRequest, NextApiResponse } from "next";
import { httpStatus, restErrorBody } from "~/server/errors";

// Any /api path no route serves: JSON like the rest of the API, not Next's HTML 404 page. Routes
// with their own paths (trpc, v1, auth, webhooks, inngest) are matched before this catch-all.
export const config = { api: { bodyParser: false } };

export default function unknownApiPath(_req: NextApiRequest, res: NextApiResponse) {
  res.status(httpStatus("not_found")).json(restErrorBody({ code: "not_found", message: "There is no API route at this path." }));
}
