// The data API's rows operation in the OpenAPI document, written by hand: it is a route of its own
// (src/pages/api/v1/packs/[slug]/rows.ts), not a tRPC procedure the generator could describe.
import type { ErrorCode } from "../errors";
import { API_KEY_SCHEME, API_KEY_SECURITY_SCHEME, errorSchema } from "./openapi-errors";
import { DEFAULT_LIMIT, MAX_LIMIT, ROWS_FORMATS } from "../services/data-api/rows-request";

export const ROWS_PATH = "/packs/{slug}/rows";

const quotaHeaders = {
  "X-Quota-Limit": { description: "Rows this billing period allows", schema: { type: "integer" } },
  "X-Quota-Used": { description: "Rows counted this billing period, this request's included", schema: { type: "integer" } },
  "X-Quota-Remaining": { description: "Rows left this billing period", schema: { type: "integer" } },
};

const pageHeaders = {
  "X-Next-Cursor": { description: "Pass as `cursor` to get the rows after this page (also when it was empty)", schema: { type: "string" } },
  "X-Has-More": { description: "`true` when more rows exist after this page", schema: { type: "string", enum: ["true", "false"] } },
  "X-Rows": { description: "Rows in this response", schema: { type: "integer" } },
  "X-RateLimit-Remaining": { description: "Requests left in this second for this key", schema: { type: "integer" } },
  ...quotaHeaders,
};

const rowObject = { type: "object", additionalProperties: true, description: "One row: the columns of the pack's schema" };

function jsonError(code: ErrorCode, description: string, headers?: Record<string, unknown>) {
  return { description, ...(headers && { headers }), content: { "application/json": { schema: errorSchema(code) } } };
}

function rowsOperation() {
  return {
    operationId: "dataApi-rows",
    summary: "Read a pack's rows",
    description:
      "Rows of a pack your organization subscribes to, in a stable order (oldest first), counted against the quota of the " +
      "subscription's current billing period. Authenticate with an API key: `Authorization: Bearer pm_live_…`. " +
      "Keep `next_cursor` and pass it back as `cursor`: you get only the rows added since, so a stored cursor is an " +
      "incremental sync. A page that would pass the quota gets the rows that remain (see `quota.remaining`); with none left " +
      "the answer is 429 quota_exceeded. Each API key may make 20 requests a second (bursts of 40): beyond that, 429 " +
      "rate_limited with `Retry-After`. Only rows served are counted.",
    tags: ["Data API"],
    security: [{ [API_KEY_SCHEME]: [] }],
    parameters: [
      { name: "slug", in: "path", required: true, description: "The pack's slug, as in its page's URL", schema: { type: "string" } },
      {
        name: "limit",
        in: "query",
        required: false,
        description: `Rows per page, 1 to ${MAX_LIMIT} (default ${DEFAULT_LIMIT})`,
        schema: { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
      },
      { name: "cursor", in: "query", required: false, description: "`next_cursor` of a previous page; omit to start from the first row", schema: { type: "string" } },
      {
        name: "format",
        in: "query",
        required: false,
        description: "`json` (default), `jsonl` (one row per line) or `csv` (a header line, then the pack's columns)",
        schema: { type: "string", enum: [...ROWS_FORMATS], default: "json" },
      },
    ],
    responses: {
      "200": {
        description: "A page of rows. JSON Lines and CSV carry the cursor and quota in the headers only.",
        headers: pageHeaders,
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: {
                data: { type: "array", items: rowObject },
                next_cursor: { type: "string", description: "Pass as `cursor` for the next page" },
                has_more: { type: "boolean" },
                quota: {
                  type: "object",
                  properties: { used: { type: "integer" }, limit: { type: "integer" }, remaining: { type: "integer" } },
                  required: ["used", "limit", "remaining"],
                },
              },
              required: ["data", "next_cursor", "has_more", "quota"],
            },
          },
          "application/x-ndjson": { schema: { type: "string", description: "One JSON row per line" } },
          "text/csv": { schema: { type: "string", description: "A header line with the pack's columns, then one line per row" } },
        },
      },
      "400": jsonError("invalid_request", "`limit`, `cursor` or `format` is malformed: the message names it"),
      "401": jsonError("unauthorized", "No API key, an unknown one, or a revoked one"),
      "403": jsonError("forbidden", "The key is an ingest key: it reads nothing"),
      "404": jsonError(
        "not_found",
        "No such pack, or your organization has no live subscription to it, or the pack is not yet available: it is collecting contributors",
      ),
      "405": jsonError("method_not_allowed", "Only GET is allowed"),
      "429": {
        description:
          "quota_exceeded: no rows left this billing period (quota headers included); rate_limited: too many requests with this key, retry after `Retry-After` seconds",
        headers: { "Retry-After": { description: "With rate_limited: seconds to wait", schema: { type: "integer" } }, ...quotaHeaders },
        content: { "application/json": { schema: { oneOf: [errorSchema("quota_exceeded"), errorSchema("rate_limited")] } } },
      },
      "500": jsonError("internal_error", "Something failed on our side"),
    },
  };
}

type DocLike = { paths?: Record<string, unknown>; components?: { securitySchemes?: Record<string, unknown> } };

export function documentRowsOperation<D extends DocLike>(doc: D): D {
  (doc.paths ??= {})[ROWS_PATH] = { get: rowsOperation() };
  const components = (doc.components ??= {});
  (components.securitySchemes ??= {})[API_KEY_SCHEME] = API_KEY_SECURITY_SCHEME;
  return doc;
}
