// What a rows request asks for, read from its query string: how many rows, after which cursor, in
// which format. Anything malformed is invalid_request naming the parameter, so a client's mistake
// never turns into a page it did not ask for.
import { AppError } from "~/server/errors";

export const ROWS_FORMATS = ["json", "jsonl", "csv"] as const;
export type RowsFormat = (typeof ROWS_FORMATS)[number];

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export type RowsRequest = { limit: number; afterId: bigint; format: RowsFormat };

const MAX_ROW_ID = 2n ** 63n - 1n;

// Opaque to clients: base64url of the last served row's id. Rows are ordered by id, which only
// grows (see append-pack-rows.ts), so "after this id" is the same set of rows whenever it is asked.
export function encodeCursor(afterId: bigint): string {
  return Buffer.from(afterId.toString(), "utf8").toString("base64url");
}

// The row id a cursor stands for, or null when it is not one of ours. Only the exact text
// encodeCursor writes is accepted (no padding, no other spelling of the same id).
export function decodeCursor(cursor: string): bigint | null {
  if (!/^[A-Za-z0-9_-]{1,28}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^(0|[1-9][0-9]{0,18})$/.test(text)) return null;
  const id = BigInt(text);
  if (id > MAX_ROW_ID || encodeCursor(id) !== cursor) return null;
  return id;
}

function invalid(param: string, message: string): AppError {
  return new AppError("invalid_request", `Invalid request: ${param}: ${message}`, { issues: [{ path: param, message }] });
}

// One value per parameter; a repeated one is refused rather than silently picking one.
function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw invalid(name, "give it once");
  return values[0];
}

export function parseRowsRequest(search: string): RowsRequest {
  const params = new URLSearchParams(search);
  const limitText = single(params, "limit");
  let limit = DEFAULT_LIMIT;
  if (limitText !== undefined) {
    if (!/^[0-9]{1,7}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT) {
      throw invalid("limit", `must be a whole number from 1 to ${MAX_LIMIT}`);
    }
    limit = Number(limitText);
  }
  const cursorText = single(params, "cursor");
  let afterId = 0n;
  if (cursorText !== undefined) {
    const decoded = decodeCursor(cursorText);
    if (decoded === null) throw invalid("cursor", "is not a cursor this API returned (use next_cursor as is)");
    afterId = decoded;
  }
  const formatText = single(params, "format") ?? "json";
  if (!(ROWS_FORMATS as readonly string[]).includes(formatText)) throw invalid("format", `must be one of ${ROWS_FORMATS.join(", ")}`);
  return { limit, afterId, format: formatText as RowsFormat };
}
