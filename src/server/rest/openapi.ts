import { generateOpenApiDocument } from "trpc-to-openapi";
import { ERROR_CODES, type ErrorCode } from "../errors";
import { API_KEY_SCHEME, API_KEY_SECURITY_SCHEME, errorSchema } from "./openapi-errors";
import { appRouter } from "../routers/_app";
import type { ProcedureAccess } from "../trpc";
import { documentIngestOperation } from "./ingest-openapi";
import { documentRowsOperation } from "./rows-openapi";
import { documentStatementDownloads } from "./statement-openapi";

export const REST_BASE_PATH = "/v1";

type Doc = ReturnType<typeof generateOpenApiDocument>;

// The generator knows statuses, not our codes: a 429 of a tRPC procedure is quota_exceeded (the
// first code with that status); rate_limited belongs to the rows route, documented by hand.
const STATUS_TO_CODE = new Map<number, ErrorCode>();
for (const [code, { status }] of Object.entries(ERROR_CODES)) {
  if (!STATUS_TO_CODE.has(status)) STATUS_TO_CODE.set(status, code as ErrorCode);
}

const schemaKey = (code: ErrorCode) => `error.${ERROR_CODES[code].trpc}`;

function errorResponse(code: ErrorCode, description: string) {
  return { description, content: { "application/json": { schema: { $ref: `#/components/schemas/${schemaKey(code)}` } } } };
}

// trpc-to-openapi documents its own error shape; ours is { error: { code, message } } (DESIGN.md §6).
function documentOurErrors(doc: Doc): Doc {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(schemas)) {
    if (!key.startsWith("error.")) continue;
    const status = Number(/\((\d{3})\)/.exec(String((schemas[key] as { title?: string }).title))?.[1]);
    const code = STATUS_TO_CODE.get(status);
    if (code) schemas[key] = errorSchema(code);
    else delete schemas[key];
  }
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item ?? {})) {
      const responses = (operation as { responses?: Record<string, unknown> }).responses;
      if (!responses) continue;
      for (const status of Object.keys(responses)) {
        if (status !== "default" && Number(status) >= 400 && !STATUS_TO_CODE.has(Number(status))) delete responses[status];
      }
    }
  }
  return doc;
}

type ProcedureDef = { meta?: { access?: ProcedureAccess; openapi?: { method: string; path: string } } };

// The generator promises a 403 on every protected route and a 404 only on GETs with inputs. Ours:
// an org-scoped route answers 404 for an org the caller does not belong to (whatever the method),
// and only a route for admins and owners answers 403 (to a member). Read from the procedures' meta.
function documentAccess(doc: Doc): Doc {
  const schemas = ((doc.components ??= {}).schemas ??= {}) as Record<string, unknown>;
  schemas[schemaKey("not_found")] = errorSchema("not_found");
  schemas[schemaKey("forbidden")] = errorSchema("forbidden");
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
  for (const { _def } of Object.values(procedures)) {
    const openapi = _def.meta?.openapi;
    if (!openapi) continue;
    const item = doc.paths?.[openapi.path] as Record<string, { responses?: Record<string, unknown> }> | undefined;
    const responses = item?.[openapi.method.toLowerCase()]?.responses;
    if (!responses) continue;
    delete responses["403"];
    const access = _def.meta?.access;
    if (access === "org" || access === "org-admin") {
      responses["404"] = errorResponse("not_found", "Not found, or the org named by X-PM-Org is not one of yours");
    }
    if (access === "org-admin") {
      responses["403"] = errorResponse("forbidden", "Your role in the org does not allow this: only its admins and owners may");
    }
  }
  return doc;
}

// A REST route that is not a tRPC procedure (it streams a file): src/server/rest/snapshot-download.ts.
// The other one, the data API's rows, is in rows-openapi.ts.
function documentSnapshotDownload(doc: Doc): Doc {
  const schemes = ((doc.components ??= {}).securitySchemes ??= {}) as Record<string, unknown>;
  schemes[API_KEY_SCHEME] = API_KEY_SECURITY_SCHEME;
  (doc.paths ??= {})["/snapshots/{snapshotId}/download"] = {
    get: {
      operationId: "snapshot-download",
      summary: "Download a snapshot file (CSV or JSON Lines); counts its rows against your quota, all or nothing",
      description:
        "Streams the file with Content-Type, Content-Length and Content-Disposition (pack slug, date, format). " +
        "Its rowCount is counted against the current billing period's quota only if all of it fits; otherwise " +
        "quota_exceeded and nothing is counted. Every download counts. Find ids with GET /marketplace/packs/{packId}/snapshots.",
      tags: ["Snapshots"],
      // Either one: a program's API key (acting for its org) or the browser session.
      security: [{ [API_KEY_SCHEME]: [] }, { session: [] }],
      parameters: [{ name: "snapshotId", in: "path", required: true, schema: { type: "string" } }],
      responses: {
        "200": {
          description: "The file",
          content: {
            "text/csv": { schema: { type: "string", format: "binary" } },
            "application/x-ndjson": { schema: { type: "string", format: "binary" } },
          },
        },
        "400": errorResponse("invalid_request", "The snapshot id is malformed"),
        "401": errorResponse("unauthorized", "No session and no API key, or the key is not valid or revoked"),
        "403": errorResponse("forbidden", "The API key is an ingest key: it reads nothing"),
        "404": errorResponse(
          "not_found",
          "No such snapshot among the packs your org can read now (also while its pack is collecting contributors), or the org named by X-PM-Org is not one of yours",
        ),
        "429": errorResponse("quota_exceeded", "Its rows do not all fit in what remains of this period's quota: nothing was counted"),
      },
    },
  } as NonNullable<Doc["paths"]>[string];
  return doc;
}

export function openApiDocument(origin: string) {
  const doc = generateOpenApiDocument(appRouter, {
    title: "Pack Market API",
    description:
      "Browse data packs, manage subscriptions and read rows. Errors are always " +
      '`{ "error": { "code", "message" } }` with codes unauthorized (401), forbidden (403: your role in ' +
      "the org does not allow it, e.g. billing is for admins and owners; or the API key's scope does not: a read key " +
      "cannot ingest, an ingest key cannot read), not_found (404), invalid_request (400), " +
      "method_not_allowed (405, with Allow), conflict (409), quota_exceeded (429: no rows left this billing period), " +
      "rate_limited (429 with Retry-After: too many requests with one API key) and internal_error (500). " +
      "Path parameters are percent-decoded; malformed percent-encoding, NUL bytes, unpaired surrogates and " +
      "JSON nested more than 32 levels deep are invalid_request. " +
      "Org-scoped routes act for the org named by the `X-PM-Org` header (an org id you belong to), " +
      "else for your first org; an org you do not belong to is not_found.",
    version: "1.0.0",
    baseUrl: `${origin}${REST_BASE_PATH}`,
    securitySchemes: {
      session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Browser session" },
    },
  });
  return documentIngestOperation(documentStatementDownloads(documentRowsOperation(documentSnapshotDownload(documentAccess(documentOurErrors(doc))))));
}
