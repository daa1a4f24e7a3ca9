import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createNextApiHandler } from "@trpc/server/adapters/next";
import type { NextApiRequest, NextApiResponse } from "next";
import { CATALOGUE_READS, readCatalogueAnswer } from "~/server/cache/catalogue-answers";
import { createContext, createContextInner } from "~/server/context";
import { getDb } from "~/server/db";
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

const trpcHandler = createNextApiHandler({
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

const ENDPOINT = "/api/trpc";

// A GET of public catalogue reads only (pack.list, pack.bySlug, batched or not) is answered from the
// catalogue cache's stored answers (server/cache/catalogue-answers.ts), made without the caller's
// session since those procedures read none. Anything else, and any answer that is not a success,
// goes through tRPC's handler as usual.
async function catalogueAnswer(req: NextApiRequest): Promise<string | null> {
  if (req.method !== "GET" || req.headers["trpc-accept"] !== undefined) return null;
  const url = new URL(req.url ?? "/", "http://localhost");
  if (!url.pathname.startsWith(`${ENDPOINT}/`)) return null;
  const paths = url.pathname.slice(ENDPOINT.length + 1).split(",");
  if (!paths.every((path) => CATALOGUE_READS.has(path))) return null;
  const input = url.searchParams.get("input");
  if (input !== null) refuseDeepJson(input, "The input");
  return readCatalogueAnswer(`trpc:${req.url}`, async () => {
    const response = await fetchRequestHandler({
      endpoint: ENDPOINT,
      req: new Request(url),
      router: appRouter,
      createContext: () => createContextInner({ session: null, db: getDb() }),
    });
    return response.status === 200 ? response.text() : null;
  });
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  // A refused input or a failed read is answered by tRPC's handler, which says why.
  const body = await catalogueAnswer(req).catch(() => null);
  if (body === null) return trpcHandler(req, res);
  res.statusCode = 200;
  res.setHeader("content-type", "application/json");
  res.end(body);
}
