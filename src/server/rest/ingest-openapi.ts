// POST /v1/ingest/sessions in the OpenAPI document, written by hand: it is a route of its own
// (src/pages/api/v1/ingest/sessions.ts), not a tRPC procedure the generator could describe.
import type { ErrorCode } from "../errors";
import { FUTURE_SKEW_MS, LATE_SESSIONS_UNTIL_DAY, MAX_CLIENT_SESSION_ID_LENGTH, MAX_SESSIONS_PER_BATCH } from "../services/ingest/ingest-sessions";
import { MAX_STRING_LENGTH } from "../services/ingest/payload-validator";
import { MAX_INGEST_BODY_BYTES } from "../services/ingest/serve-ingest";
import { API_KEY_SCHEME, API_KEY_SECURITY_SCHEME, errorSchema } from "./openapi-errors";

export const INGEST_PATH = "/ingest/sessions";

// Which scope of API key an operation takes (read when absent): tools and tests pick the key by it.
export const KEY_SCOPE_EXTENSION = "x-api-key-scope";

export const REJECTION_CODES = {
  invalid_session: "not an object, or client_session_id, product_id, pack or payload missing or malformed",
  invalid_time: `occurred_at is not an ISO 8601 date-time with a zone, is more than ${FUTURE_SKEW_MS / 60_000} minutes ahead, or is before the current month (the previous month is taken until the ${LATE_SESSIONS_UNTIL_DAY}th, UTC)`,
  pack_not_found: "no active pack with this slug",
  product_not_found: "no product with this id in your organization",
  marketplace_off: "your organization's marketplace switch was off at occurred_at",
  not_opted_in: "the product was not opted into the pack at occurred_at",
  schema_mismatch: "payload is not a row of the pack: a column missing, one the pack does not have, or a value of the wrong type",
} as const;

function jsonError(code: ErrorCode, description: string) {
  return { description, content: { "application/json": { schema: errorSchema(code) } } };
}

const session = {
  type: "object",
  properties: {
    client_session_id: {
      type: "string",
      minLength: 1,
      maxLength: MAX_CLIENT_SESSION_ID_LENGTH,
      pattern: "^[\\x21-\\x7e]+$",
      description: "Your id for the session (visible ASCII, no spaces): sending it again is a duplicate and changes nothing",
    },
    product_id: { type: "string", description: "The id of one of your organization's products" },
    pack: { type: "string", description: "The pack's slug, as in its page's URL" },
    occurred_at: { type: "string", format: "date-time", description: "When the session happened (ISO 8601 with a zone); opt-ins are judged at this time" },
    payload: {
      type: "object",
      additionalProperties: true,
      description:
        "A row of the pack: exactly its columns (GET /v1/packs/{slug} → rowSchema), none missing, none null, none extra. " +
        `string: at most ${MAX_STRING_LENGTH} characters; integer: a whole number within ±(2^53 − 1); number: finite; boolean; ` +
        "timestamp: ISO 8601 date-time with a zone; date: YYYY-MM-DD",
    },
  },
  required: ["client_session_id", "product_id", "pack", "occurred_at", "payload"],
};

const result = {
  type: "object",
  properties: {
    index: { type: "integer", description: "The session's position in the batch" },
    client_session_id: { type: "string", nullable: true, description: "As sent; null when it was not a valid id" },
    status: {
      type: "string",
      enum: ["accepted", "duplicate", "rejected"],
      description: "accepted: stored now; duplicate: this client_session_id was already stored for your organization (earlier, or earlier in this batch): nothing changed; rejected: see error",
    },
    error: {
      type: "object",
      description: "With rejected: why",
      properties: { code: { type: "string", enum: Object.keys(REJECTION_CODES) }, message: { type: "string" } },
      required: ["code", "message"],
    },
  },
  required: ["index", "client_session_id", "status"],
};

function ingestOperation() {
  return {
    operationId: "ingest-sessions",
    summary: "Send sessions of your products to the packs they are opted into",
    description:
      `A batch of 1 to ${MAX_SESSIONS_PER_BATCH} sessions, sent with an **ingest** API key (a read key is refused with 403; ` +
      "create one under API keys). Each session is judged on its own and the answer lists every one, in order: valid sessions " +
      "are kept even when others in the batch are rejected. Idempotent per (your organization, client_session_id): resending a " +
      "batch stores nothing twice and marks those sessions duplicate, and the same id twice in one batch is one row and one " +
      "duplicate. A session counts only if, at its occurred_at, your marketplace switch was on and its product was opted into " +
      "the pack. Rejection codes: " +
      Object.entries(REJECTION_CODES)
        .map(([code, text]) => `\`${code}\` (${text})`)
        .join("; ") +
      ". Accepted sessions become rows of the pack; buyers never see which organization sent them.",
    tags: ["Ingest"],
    security: [{ [API_KEY_SCHEME]: [] }],
    [KEY_SCOPE_EXTENSION]: "ingest",
    requestBody: {
      required: true,
      content: {
        "application/json": {
          schema: {
            type: "object",
            properties: { sessions: { type: "array", minItems: 1, maxItems: MAX_SESSIONS_PER_BATCH, items: session } },
            required: ["sessions"],
          },
        },
      },
    },
    responses: {
      "200": {
        description: "The batch was processed: each session's result, in the order sent",
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: {
                accepted: { type: "integer" },
                duplicates: { type: "integer" },
                rejected: { type: "integer" },
                results: { type: "array", items: result },
              },
              required: ["accepted", "duplicates", "rejected", "results"],
            },
          },
        },
      },
      "400": jsonError(
        "invalid_request",
        `Not a batch: not JSON (Content-Type: application/json), not an object, sessions not an array, empty or over ${MAX_SESSIONS_PER_BATCH} sessions, over ${MAX_INGEST_BODY_BYTES} bytes. Nothing was stored`,
      ),
      "401": jsonError("unauthorized", "No API key, an unknown one, or a revoked one"),
      "403": jsonError("forbidden", "The key is a read key: only ingest keys send sessions"),
      "405": jsonError("method_not_allowed", "Only POST is allowed"),
      "429": {
        description: "rate_limited: too many requests with this key, retry after `Retry-After` seconds",
        headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } },
        content: { "application/json": { schema: errorSchema("rate_limited") } },
      },
      "500": jsonError("internal_error", "Something failed on our side: nothing of the batch was stored, send it again"),
    },
  };
}

type DocLike = { paths?: Record<string, unknown>; components?: { securitySchemes?: Record<string, unknown> } };

export function documentIngestOperation<D extends DocLike>(doc: D): D {
  (doc.paths ??= {})[INGEST_PATH] = { post: ingestOperation() };
  const components = (doc.components ??= {});
  (components.securitySchemes ??= {})[API_KEY_SCHEME] = API_KEY_SECURITY_SCHEME;
  return doc;
}
