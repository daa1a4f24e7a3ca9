import { createNextApiHandler } from "@trpc/server/adapters/next";
import type { NextApiRequest } from "next";
import { createContext } from "~/server/context";
import { readJsonBodyText, refuseDeepJson } from "~/server/http/json-body";
import { logUnexpectedError } from "~/server/log";
import { appRouter } from "~/server/routers/_app";

// Next's body parser would answer malformed JSON itself, in plain text, and parse any depth: the
// body is read here instead and tRPC parses it.
export const config = { api: { bodyParser: false } };

// Before tRPC parses anything: the input in the query string and the body, within the size and
// depth limits. A refusal becomes tRPC's own JSON error answer.
async function checkRawInput(req: NextApiRequest) {
  const queryInput = new URL(req.url ?? "/", "http://localhost").searchParams.get("input");
  if (queryInput !== null) refuseDeepJson(queryInput, "The input");
  if (req.method !== "GET" && req.method !== "HEAD") req.body = await readJsonBodyText(req);
}

export default createNextApiHandler({
  router: appRouter,
  createContext,
  middleware: (req, _res, next) => {
    checkRawInput(req).then(() => next(), next);
  },
  // tRPC's answer to an error raised before any procedure runs (an unsupported content type, a
  // refused body) carries no content type of its own, so fetch calls it text/plain.
  responseMeta: ({ errors }) => (errors.length > 0 ? { headers: { "content-type": "application/json" } } : {}),
  onError: ({ error, path }) => logUnexpectedError(error, `tRPC ${path ?? "(unknown)"}`),
});
