// Whether a session's payload is a row of its pack: compiled once per pack from its rowSchema (the
// ingest pack cache keeps it), then run on every session of a batch with no allocation beyond the
// message of a refusal. A payload is a flat JSON object with exactly the pack's columns: every
// column present and not null, no other key, each value of its column's type:
//   string    a string of at most 4,096 characters PostgreSQL can store (no NUL, no lone surrogate)
//   integer   a whole number within ±(2^53 − 1)
//   number    any finite number
//   boolean   true or false
//   timestamp an ISO 8601 date-time with a zone (Z or ±hh:mm), e.g. 2026-11-20T10:00:00Z
//   date      a calendar date YYYY-MM-DD
import { isStorableText } from "~/server/validation/text";

export const MAX_STRING_LENGTH = 4096;

export type ColumnType = "string" | "integer" | "number" | "boolean" | "timestamp" | "date";

// null when the payload fits; else what is wrong with it, for the client.
export type PayloadValidator = (payload: unknown) => string | null;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoTimestamp(value: string): boolean {
  return value.length <= 40 && TIMESTAMP.test(value) && Number.isFinite(Date.parse(value));
}

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value.length > 40 ? "a string" : JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return String(value);
}

const CHECKS: Record<ColumnType, { expected: string; ok: (value: unknown) => boolean }> = {
  string: {
    expected: `a string of at most ${MAX_STRING_LENGTH} characters without NUL or unpaired surrogates`,
    ok: (v) => typeof v === "string" && v.length <= MAX_STRING_LENGTH && isStorableText(v),
  },
  integer: { expected: "an integer", ok: (v) => Number.isSafeInteger(v) },
  number: { expected: "a finite number", ok: (v) => typeof v === "number" && Number.isFinite(v) },
  boolean: { expected: "true or false", ok: (v) => typeof v === "boolean" },
  timestamp: { expected: "an ISO 8601 date-time with a zone", ok: (v) => typeof v === "string" && isIsoTimestamp(v) },
  date: { expected: "a date YYYY-MM-DD", ok: (v) => typeof v === "string" && isCalendarDate(v) },
};

export type SchemaColumn = { name: string; type: ColumnType };

// The columns of a stored rowSchema ([{ name, type, description }]); null when it is not one.
export function schemaColumns(rowSchema: unknown): SchemaColumn[] | null {
  if (!Array.isArray(rowSchema)) return null;
  const columns: SchemaColumn[] = [];
  for (const column of rowSchema as unknown[]) {
    if (typeof column !== "object" || column === null) return null;
    const { name, type } = column as { name?: unknown; type?: unknown };
    if (typeof name !== "string" || typeof type !== "string" || !(type in CHECKS)) return null;
    columns.push({ name, type: type as ColumnType });
  }
  return columns;
}

export function compilePayloadValidator(rowSchema: unknown): PayloadValidator {
  const columns = schemaColumns(rowSchema);
  if (!columns) return () => "this pack's row schema cannot take sessions yet";
  const byName = new Map(columns.map((column) => [column.name, CHECKS[column.type]]));
  const count = columns.length;
  return (payload) => {
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return `payload must be an object with the pack's columns, not ${describe(payload)}`;
    const record = payload as Record<string, unknown>;
    let seen = 0;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const check = byName.get(key);
      if (!check) return `payload has a column the pack does not: ${JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key)}`;
      const value = record[key];
      if (!check.ok(value)) return `payload.${key} must be ${check.expected}, not ${describe(value)}`;
      seen++;
    }
    if (seen < count) {
      const missing = columns.filter((column) => !Object.hasOwn(record, column.name)).map((column) => column.name);
      return `payload is missing ${missing.length === 1 ? "the column" : "the columns"} ${missing.join(", ")}`;
    }
    return null;
  };
}
