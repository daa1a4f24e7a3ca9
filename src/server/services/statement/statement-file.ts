// What the CSV and PDF of a statement share: the statement with its org, and the file name.
import { monthOfDay, monthKey } from "~/lib/month";
import type { Db } from "../../db";
import { getStatement } from "./get-statement";
import type { Statement } from "./statement-schemas";

export type StatementFile = { org: { name: string; slug: string }; statement: Statement };

export async function loadStatementFile(db: Db, input: { org: { id: string; name: string; slug: string }; month: Date }): Promise<StatementFile> {
  const statement = await getStatement(db, { orgId: input.org.id, month: input.month });
  return { org: { name: input.org.name, slug: input.org.slug }, statement };
}

// pack-market-statement-<org slug>-<YYYY-MM>.<format>
export function statementFilename(file: StatementFile, format: "csv" | "pdf"): string {
  return `pack-market-statement-${file.org.slug}-${monthKey(monthOfDay(file.statement.month)!)}.${format}`;
}
