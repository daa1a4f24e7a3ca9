// The REST surface (/v1/...) serves the tRPC procedures that carry OpenAPI meta. This one catch-all
// answers every path under /v1 and turns any failure into DESIGN.md §6's body { error: { code,
// message } } with the status of errors.ts's table.
//
// It routes and reads input itself rather than through trpc-to-openapi's handler, which passes path
// parameters on still percent-encoded (mcampa/trpc-to-openapi#166), parses JSON of any depth,
// ignores a body sent with a charset and answers a wrong method as not_found. trpc-to-openapi still
// writes the OpenAPI document (openapi.ts).
import { getTRPCErrorFromUnknown } from "@trpc/server";
import type { NextApiRequest, NextApiResponse } from "next";
import { CATALOGUE_READS, readCatalogueAnswer } from "../cache/catalogue-answers";
import { createContext, createContextInner } from "../context";
import { getDb } from "../db";
import { AppError, httpStatus, restErrorBody, toPublicError } from "../errors";
import { readJsonBodyText } from "../http/json-body";
import { logUnexpectedError } from "../log";
import { appRouter, createCaller } from "../routers/_app";
import { matchRestRoute, restPathSegments, restRoutes, type RestRoute } from "./routes";

const routes = restRoutes(appRouter._def.procedures);

function queryInput(url: string, route: RestRoute): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  const search = url.includes("?") ? url.slice(url.indexOf("?") + 1) : "";
  for (const [key, value] of new URLSearchParams(search)) {
    const existing = query[key];
    query[key] = existing === undefined && !route.arrayParams.has(key) ? value : ([] as string[]).concat(existing ?? [], value);
  }
  return query;
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(";", 1)[0]?.trim().toLowerCase() === "application/json";
}

async function bodyInput(req: NextApiRequest): Promise<Record<string, unknown>> {
  const text = await readJsonBodyText(req);
  if (text.trim() === "") return {};
  if (!isJson(req.headers["content-type"])) {
    throw new AppError("invalid_request", "Send the body as JSON with Content-Type: application/json.");
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("invalid_request", "The body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

async function routeInput(req: NextApiRequest, route: RestRoute, pathParams: Record<string, string>): Promise<unknown> {
  const usesBody = route.method !== "GET" && route.method !== "DELETE";
  // Read even when unused: size and depth limits hold for every request.
  const fields = usesBody ? await bodyInput(req) : queryInput(req.url ?? "", route);
  return route.takesInput ? { ...fields, ...pathParams } : undefined;
}

type Procedure = (input: unknown) => Promise<unknown>;

function procedureOf(caller: ReturnType<typeof createCaller>, path: string): Procedure {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as Procedure;
}

export async function restHandler(req: NextApiRequest, res: NextApiResponse) {
  let where = "(no route)";
  try {
    const segments = restPathSegments(req.url ?? "/");
    const match = segments ? matchRestRoute(routes, req.method ?? "GET", segments) : { kind: "none" as const };
    if (match.kind === "none") throw new AppError("not_found", "There is no API route at this path.");
    if (match.kind === "wrong_method") {
      res.setHeader("Allow", match.allow.join(", "));
      throw new AppError("method_not_allowed", `Use ${match.allow.join(" or ")} on this path.`);
    }
    where = match.route.procedurePath;
    const input = await routeInput(req, match.route, match.pathParams);
    const path = match.route.procedurePath;
    if (req.method === "GET" && CATALOGUE_READS.has(path)) {
      // A public catalogue read: its stored answer (cache/catalogue-answers.ts), made without the
      // caller's session since it reads none; a failure is thrown and answered below.
      const answer = () => procedureOf(createCaller(createContextInner({ session: null, db: getDb() })), path)(input);
      const body = await readCatalogueAnswer(`rest:${req.url}`, async () => JSON.stringify(await answer()));
      res.status(200).setHeader("content-type", "application/json; charset=utf-8").send(body);
      return;
    }
    const caller = createCaller(await createContext({ req, res }));
    res.status(200).json(await procedureOf(caller, path)(input));
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    logUnexpectedError(error, `REST ${where}`);
    const publicError = toPublicError(error);
    res.status(httpStatus(publicError.code)).json(restErrorBody(publicError));
  }
}
