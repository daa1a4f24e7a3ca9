// Writing a rows page or a rows error to the HTTP response. JSON is assembled from the rows' stored
// JSON text (no parse and stringify per row); JSON Lines and CSV are written in chunks as they are
// formatted. Every format carries the cursor and the quota in headers too.
import type { ServerResponse } from "node:http";
import { stringify } from "csv-stringify/sync";
import { AppError, httpStatus, restErrorBody, toPublicError } from "~/server/errors";
import { getTRPCErrorFromUnknown } from "@trpc/server";
import { logUnexpectedError } from "~/server/log";
import { RowsError, type Quota, type ServedRows } from "./serve-rows";

const CHUNK_ROWS = 200;

const CONTENT_TYPES = {
  json: "application/json; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
  csv: "text/csv; charset=utf-8",
} as const;

function setQuotaHeaders(res: ServerResponse, quota: Quota) {
  res.setHeader("X-Quota-Limit", String(quota.limit));
  res.setHeader("X-Quota-Used", String(quota.used));
  res.setHeader("X-Quota-Remaining", String(quota.remaining));
}

// A CSV cell: text as is, anything else (numbers, booleans, nested values) as its JSON.
function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function csvChunks(columns: string[], rows: string[]): string[] {
  const parsed = rows.map((text) => JSON.parse(text) as Record<string, unknown>);
  // A pack without a declared schema still gets a header: every key its rows use.
  const header = columns.length > 0 ? columns : [...new Set(parsed.flatMap((row) => Object.keys(row ?? {})))];
  const chunks = [stringify([header])];
  for (let i = 0; i < parsed.length; i += CHUNK_ROWS) {
    chunks.push(stringify(parsed.slice(i, i + CHUNK_ROWS).map((row) => header.map((name) => cell(row?.[name])))));
  }
  return chunks;
}

export function writeRows(res: ServerResponse, served: ServedRows): void {
  res.statusCode = 200;
  res.setHeader("Content-Type", CONTENT_TYPES[served.format]);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Next-Cursor", served.nextCursor);
  res.setHeader("X-Has-More", String(served.hasMore));
  res.setHeader("X-Rows", String(served.rows.length));
  res.setHeader("X-RateLimit-Remaining", String(served.rateRemaining));
  setQuotaHeaders(res, served.quota);
  if (served.format === "json") {
    const tail = JSON.stringify({ next_cursor: served.nextCursor, has_more: served.hasMore, quota: served.quota });
    res.end(`{"data":[${served.rows.join(",")}],${tail.slice(1)}`);
    return;
  }
  if (served.format === "jsonl") {
    for (let i = 0; i < served.rows.length; i += CHUNK_ROWS) res.write(`${served.rows.slice(i, i + CHUNK_ROWS).join("\n")}\n`);
    res.end();
    return;
  }
  for (const chunk of csvChunks(served.columns, served.rows)) res.write(chunk);
  res.end();
}

// Every failure as DESIGN.md §6's JSON error, whatever format was asked for.
export function writeRowsError(res: ServerResponse, cause: unknown): void {
  const error = getTRPCErrorFromUnknown(cause);
  logUnexpectedError(error, "REST GET /v1/packs/{slug}/rows");
  const publicError = toPublicError(error);
  if (error instanceof AppError && error.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(error.retryAfterSeconds));
  if (error instanceof RowsError && error.quota) setQuotaHeaders(res, error.quota);
  res.statusCode = httpStatus(publicError.code);
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify(restErrorBody(publicError)));
}
