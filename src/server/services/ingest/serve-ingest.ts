// The HTTP side of POST /v1/ingest/sessions. The order of checks: the key's shape (401), its rate
// limit (429 rate_limited), the key itself, read fresh so a revoked key fails at once (401), its
// scope (403: a read key sends nothing), then the body (400 invalid_request for anything that is
// not a batch; nothing is written) and the batch, session by session (200 with each one's result).
import type { IncomingMessage, ServerResponse } from "node:http";
import { getTRPCErrorFromUnknown } from "@trpc/server";
import type { Db } from "~/server/db";
import { AppError, httpStatus, restErrorBody, toPublicError } from "~/server/errors";
import { refuseDeepJson } from "~/server/http/json-body";
import { BodyTooLargeError, readRawBody } from "~/server/http/raw-body";
import { logUnexpectedError } from "~/server/log";
import { assertKeyScope } from "../api-key/api-key-scope";
import { authenticateApiKey } from "../api-key/authenticate-api-key";
import { bearerKey } from "../data-api/identify-api-key";
import type { KeyRateLimiter } from "../data-api/rate-limit";
import { ingestSessions, sessionsOf, type IngestResult } from "./ingest-sessions";

// 1,000 sessions of a few kilobytes each.
export const MAX_INGEST_BODY_BYTES = 8_000_000;

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(";", 1)[0]?.trim().toLowerCase() === "application/json";
}

async function readBatch(req: IncomingMessage): Promise<unknown[]> {
  if (!isJson(req.headers["content-type"])) throw new AppError("invalid_request", "Send the batch as JSON with Content-Type: application/json.");
  let text: string;
  try {
    text = (await readRawBody(req, MAX_INGEST_BODY_BYTES)).toString("utf8");
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new AppError("invalid_request", `The body is over ${MAX_INGEST_BODY_BYTES} bytes: send smaller batches.`);
    throw error;
  }
  refuseDeepJson(text, "The body");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The body is not valid JSON.");
  }
  return sessionsOf(body);
}

export async function serveIngest(db: Db, req: IncomingMessage, limiter: KeyRateLimiter): Promise<IngestResult> {
  const presented = bearerKey(req.headers.authorization);
  const rate = await limiter.consume(presented.keyHash);
  if (!rate.allowed) {
    throw new AppError("rate_limited", `Too many requests with this API key: retry in ${rate.retryAfterSeconds} s.`, {
      retryAfterSeconds: rate.retryAfterSeconds,
    });
  }
  const caller = await authenticateApiKey(db, presented.key);
  if (!caller) throw new AppError("unauthorized", "This API key is not valid or has been revoked.");
  assertKeyScope(caller.scope, "ingest");
  const sessions = await readBatch(req);
  return ingestSessions(db, { orgId: caller.orgId, sessions });
}

export function writeIngestResult(res: ServerResponse, result: IngestResult): void {
  res.statusCode = 200;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify(result));
}

export function writeIngestError(res: ServerResponse, cause: unknown): void {
  const error = getTRPCErrorFromUnknown(cause);
  logUnexpectedError(error, "REST POST /v1/ingest/sessions");
  const publicError = toPublicError(error);
  if (error instanceof AppError && error.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(error.retryAfterSeconds));
  res.statusCode = httpStatus(publicError.code);
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify(restErrorBody(publicError)));
}
