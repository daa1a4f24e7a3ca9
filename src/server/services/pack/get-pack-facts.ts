// What a buyer gets from a pack, in aggregates only (never who contributed): how many rows there
// are, when the last one arrived and how far back they go. Read apart from the pack's catalogue
// entry, which is the same for everyone and cached, because rows arrive all the time. A pack still
// collecting contributors (below its privacy threshold) shows none of it: with one or two
// contributors its row count would be theirs.
import type { Db } from "~/server/db";
import { isPackAvailable } from "./pack-availability";

export type PackFacts = { rowsAvailable: number; lastRowAt: Date | null; firstSessionAt: Date | null };

const NOTHING_YET: PackFacts = { rowsAvailable: 0, lastRowAt: null, firstSessionAt: null };

export async function getPackFacts(db: Db, input: { packId: string }): Promise<PackFacts> {
  if (!(await isPackAvailable(db, input.packId))) return NOTHING_YET;
  // Each part reads an index of pack_rows: (packId, id) for the count and the newest row,
  // (packId, sessionAt) for the oldest session.
  const [row] = await db.$queryRaw<Array<{ rows: bigint; lastRowAt: Date | null; firstSessionAt: Date | null }>>`
    SELECT
      (SELECT count(*) FROM "pack_rows" WHERE "packId" = ${input.packId}) AS "rows",
      (SELECT "createdAt" FROM "pack_rows" WHERE "packId" = ${input.packId} ORDER BY "id" DESC LIMIT 1) AS "lastRowAt",
      (SELECT "sessionAt" FROM "pack_rows" WHERE "packId" = ${input.packId} ORDER BY "sessionAt" ASC LIMIT 1) AS "firstSessionAt"`;
  return { rowsAvailable: Number(row?.rows ?? 0), lastRowAt: row?.lastRowAt ?? null, firstSessionAt: row?.firstSessionAt ?? null };
}

