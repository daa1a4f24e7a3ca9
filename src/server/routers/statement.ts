import { z } from "zod";
import { parseMonthInput } from "../validation/month";
import { getStatement } from "../services/statement/get-statement";
import { listStatements } from "../services/statement/list-statements";
import { ZStatement, ZStatementInput, ZStatementList } from "../services/statement/statement-schemas";
import { orgProcedure, router } from "../trpc";

// A seller org's monthly statements, for every member (paying out is the payout run's business).
// The CSV and PDF of a statement are GET /v1/marketplace/statements/{month}.csv|.pdf
// (src/pages/api/v1/marketplace/statements/[file].ts).
export const statementRouter = router({
  byMonth: orgProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/marketplace/statements",
        tags: ["Selling"],
        summary: "Your org's statement for a month, with its lines (pack shares, clawbacks, carried-forward amounts)",
        protect: true,
      },
    })
    .input(ZStatementInput)
    .output(ZStatement)
    .query(({ ctx, input }) => getStatement(ctx.db, { orgId: ctx.org.id, month: parseMonthInput(input.month)! })),

  list: orgProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/marketplace/statements/list",
        tags: ["Selling"],
        summary: "Your org's statements by month: this month's live draft, earlier months, and what is carried forward",
        protect: true,
      },
    })
    .input(z.void())
    .output(ZStatementList)
    .query(({ ctx }) => listStatements(ctx.db, { orgId: ctx.org.id })),
});
