// The statement file downloads in the OpenAPI document, written by hand: they are a route of their
// own (src/pages/api/v1/marketplace/statements/[file].ts), not tRPC procedures.
import { errorSchema } from "./openapi-errors";
import type { ErrorCode } from "../errors";

function jsonError(code: ErrorCode, description: string) {
  return { description, content: { "application/json": { schema: errorSchema(code) } } };
}

const FILES = {
  csv: {
    contentType: "text/csv",
    summary: "Download a month's statement as CSV",
    description:
      "A header, one record per statement line (kind share, adjustment or carried_forward), then the totals (kind total_shares, " +
      "total_adjustments, total_carried_forward and total). Money as decimal strings in the currency's major unit (12.34) with the " +
      "ISO currency beside it; a share line also has your sessions, the pack's total sessions, the share percentage, the pack's " +
      "gross, its revenue share in basis points and its pool, so the share can be recomputed.",
  },
  pdf: {
    contentType: "application/pdf",
    summary: "Download a month's statement as PDF",
    description: "The statement as a PDF: org, month, status, total, paid date and transfer id, the pack table, clawbacks and carried-forward amounts, and totals.",
  },
} as const;

function downloadOperation(format: keyof typeof FILES) {
  const file = FILES[format];
  return {
    operationId: `statement-download-${format}`,
    summary: file.summary,
    description: `${file.description} Sent as an attachment named pack-market-statement-<org slug>-<YYYY-MM>.${format}. Any member of the org may download it.`,
    tags: ["Selling"],
    security: [{ session: [] }],
    parameters: [
      {
        name: "month",
        in: "path",
        required: true,
        description: "The month, YYYY-MM (or any real day of it, YYYY-MM-DD)",
        schema: { type: "string", example: "2026-03" },
      },
    ],
    responses: {
      "200": { description: "The file", content: { [file.contentType]: { schema: { type: "string", format: "binary" } } } },
      "400": jsonError("invalid_request", "The month is not a real month (2026-13, 2026-02-30)"),
      "401": jsonError("unauthorized", "Not signed in"),
      "404": jsonError("not_found", "Your org has no statement for that month, or the org named by X-PM-Org is not one of yours"),
      "405": jsonError("method_not_allowed", "Only GET is allowed"),
    },
  };
}

type DocLike = { paths?: Record<string, unknown> };

export function documentStatementDownloads<D extends DocLike>(doc: D): D {
  const paths = (doc.paths ??= {});
  for (const format of ["csv", "pdf"] as const) paths[`/marketplace/statements/{month}.${format}`] = { get: downloadOperation(format) };
  return doc;
}
