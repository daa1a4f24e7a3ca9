// The one way rows enter a pack while buyers read it. Readers page by id ("after the cursor"), so
// a row must never become visible with an id below one a reader has already passed: two ingests
// committing out of order (ids 10 and 11 taken, 11 commits first, a reader moves past 11, then 10
// commits) would lose row 10 for good. Appends to one pack therefore take the pack's advisory lock
// for their transaction: the next append draws its ids only after this one has committed.
import type { Prisma } from "~/server/db";

export type NewPackRow = { contributorOrgId: string; productId: string; data: Prisma.InputJsonValue; sessionAt: Date };

export async function appendPackRows(tx: Prisma.TransactionClient, packId: string, rows: NewPackRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`pack_rows:${packId}`}, 0))`;
  const { count } = await tx.packRow.createMany({ data: rows.map((row) => ({ ...row, packId })) });
  return count;
}
