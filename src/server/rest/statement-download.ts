// GET /v1/marketplace/statements/{month}.csv and .pdf: a statement of the org the request acts for,
// as a file (Content-Disposition: attachment; pack-market-statement-<org slug>-<YYYY-MM>.<format>).
// The month is YYYY-MM (or any real day of it, YYYY-MM-DD). Signed in with the session, for the
// org the request names (header or cookie, as everywhere); errors in the REST format. Any other
// name under /v1/marketplace/statements/ (the list) belongs to the REST catch-all.
import { getSqlPool } from "~/server/sql-pool";
import { getTRPCErrorFromUnknown } from "@trpc/server";
import type { NextApiRequest, NextApiResponse } from "next";
import { parseMonthInput } from "~/server/validation/month";
import { createContext } from "../context";
import { AppError, httpStatus, restErrorBody, toPublicError } from "../errors";
import { logUnexpectedError } from "../log";
import { resolveActiveOrg } from "../services/org/resolve-active-org";
import { statementCsv } from "../services/statement/statement-csv";
import { loadStatementFile, statementFilename } from "../services/statement/statement-file";
import { statementPdf } from "../services/statement/statement-pdf";
import { restHandler } from "./handler";

export const STATEMENT_FILE_FORMATS = ["csv", "pdf"] as const;
type Format = (typeof STATEMENT_FILE_FORMATS)[number];

const FILE_NAME = /^(.*)\.(csv|pdf)$/i;
const CONTENT_TYPES: Record<Format, string> = { csv: "text/csv; charset=utf-8", pdf: "application/pdf" };

// The requested file, or null when the name is not a statement file's (then it is another route's).
export function statementFileOf(name: string): { month: Date; format: Format } | null {
  const match = FILE_NAME.exec(name);
  if (!match) return null;
  const month = parseMonthInput(match[1]!);
  if (!month) {
    const message = "must be a month written YYYY-MM (or a real day of it, YYYY-MM-DD), e.g. 2026-03.csv";
    throw new AppError("invalid_request", `Invalid request: month: ${message}`, { issues: [{ path: "month", message }] });
  }
  return { month, format: match[2]!.toLowerCase() as Format };
}

async function sendStatementFile(req: NextApiRequest, res: NextApiResponse, file: { month: Date; format: Format }) {
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET");
    throw new AppError("method_not_allowed", "Use GET on this path.");
  }
  const ctx = await createContext({ req, res });
  const userId = ctx.session?.user?.id;
  if (!userId) throw new AppError("unauthorized", "Sign in to continue.");
  const org = await resolveActiveOrg(getSqlPool(), { userId, requestedOrgId: ctx.requestedOrgId });
  const statement = await loadStatementFile(ctx.db, { org, month: file.month });
  const body = file.format === "csv" ? Buffer.from(statementCsv(statement), "utf8") : await statementPdf(statement);
  res.writeHead(200, {
    "Content-Type": CONTENT_TYPES[file.format],
    "Content-Length": String(body.length),
    "Content-Disposition": `attachment; filename="${statementFilename(statement, file.format)}"`,
    // A draft changes until it is finalized, and it is the org's business only.
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
}

export async function statementDownloadHandler(req: NextApiRequest, res: NextApiResponse) {
  try {
    const name = typeof req.query.file === "string" ? req.query.file : "";
    const file = statementFileOf(name);
    if (!file) return await restHandler(req, res);
    await sendStatementFile(req, res, file);
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    logUnexpectedError(error, "REST GET /v1/marketplace/statements/{month}.{format}");
    const publicError = toPublicError(error);
    res.status(httpStatus(publicError.code)).json(restErrorBody(publicError));
  }
}
