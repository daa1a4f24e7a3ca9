// The error contract (DESIGN.md §6) in one place: services throw AppError; this table maps each
// code to a tRPC code and a REST status, and shapes REST bodies as { error: { code, message } }.
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

export const ERROR_CODES = {
  invalid_request: { trpc: "BAD_REQUEST", status: 400 },
  unauthorized: { trpc: "UNAUTHORIZED", status: 401 },
  // A member of the org asking for what only its admins and owners may do, or an API key used for
  // what its scope does not allow (a read key ingesting, an ingest key reading). Never used for
  // another org's data: that is not_found.
  forbidden: { trpc: "FORBIDDEN", status: 403 },
  not_found: { trpc: "NOT_FOUND", status: 404 },
  method_not_allowed: { trpc: "METHOD_NOT_SUPPORTED", status: 405 },
  conflict: { trpc: "CONFLICT", status: 409 },
  // The subscription has no rows left this billing period: waiting a second does not help.
  quota_exceeded: { trpc: "TOO_MANY_REQUESTS", status: 429 },
  // Too many requests with one API key: try again after Retry-After seconds. Same tRPC code as
  // quota_exceeded; an AppError carries its own code, so the two never turn into each other.
  rate_limited: { trpc: "TOO_MANY_REQUESTS", status: 429 },
  internal_error: { trpc: "INTERNAL_SERVER_ERROR", status: 500 },
} as const satisfies Record<string, { trpc: TRPC_ERROR_CODE_KEY; status: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export type FieldIssue = { path: string; message: string };

export class AppError extends TRPCError {
  readonly appCode: ErrorCode;
  readonly issues?: FieldIssue[];
  // With rate_limited: the seconds to wait, sent as Retry-After.
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options?: { issues?: FieldIssue[]; cause?: unknown; retryAfterSeconds?: number }) {
    super({ code: ERROR_CODES[code].trpc, message, cause: options?.cause });
    this.appCode = code;
    this.issues = options?.issues;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

const FROM_TRPC: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorCode>> = {
  BAD_REQUEST: "invalid_request",
  PARSE_ERROR: "invalid_request",
  UNSUPPORTED_MEDIA_TYPE: "invalid_request",
  PAYLOAD_TOO_LARGE: "invalid_request",
  UNPROCESSABLE_CONTENT: "invalid_request",
  UNAUTHORIZED: "unauthorized",
  // Another org's data is never "forbidden" (that would leak its existence): only an AppError
  // thrown for a role check within the caller's own org is.
  FORBIDDEN: "not_found",
  NOT_FOUND: "not_found",
  METHOD_NOT_SUPPORTED: "method_not_allowed",
  CONFLICT: "conflict",
  // Only an AppError is ever thrown with this code, and it keeps its own (quota_exceeded or
  // rate_limited): this line is for a bare TRPCError, which no code of ours throws.
  TOO_MANY_REQUESTS: "quota_exceeded",
};

type ZodLikeIssue = { path: PropertyKey[]; message: string };

function zodIssues(cause: unknown): FieldIssue[] | undefined {
  if (cause instanceof Error && cause.name === "ZodError" && "issues" in cause) {
    return (cause.issues as ZodLikeIssue[]).map((i) => ({
      path: i.path.map(String).join(".") || "(root)",
      message: i.message,
    }));
  }
  return undefined;
}

export type PublicError = { code: ErrorCode; message: string; issues?: FieldIssue[] };

// What a caller may see of any error. Unexpected errors keep their details on the server.
export function toPublicError(error: TRPCError): PublicError {
  if (error instanceof AppError) {
    return { code: error.appCode, message: error.message, ...(error.issues && { issues: error.issues }) };
  }
  const code = FROM_TRPC[error.code] ?? "internal_error";
  if (code === "internal_error") return { code, message: "Something went wrong on our side. Try again." };
  const issues = zodIssues(error.cause);
  if (issues) {
    const fields = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
    return { code, message: `Invalid request: ${fields}`, issues };
  }
  return { code, message: error.message };
}

export function httpStatus(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

export function restErrorBody(error: PublicError) {
  return { error: error };
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
