// The privacy threshold (DESIGN.md §1, issue 9): a pack's rows and snapshots are served only while
// at least k distinct orgs have contributed rows to it (k = packs.minContributors, default 3;
// pack_contributors is kept by a trigger on pack_rows). Below it, every door to the data answers
// not_found with COLLECTING_CONTRIBUTORS, and no snapshot is made. Buyers learn only available or
// not: never how many orgs contribute, nor which.
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
import { TtlCache } from "../data-api/ttl-cache";

export const COLLECTING_CONTRIBUTORS = "This pack is not yet available: it is collecting contributors.";

// The rows API asks on every request: a few seconds of lag, one query per pack per process.
const AVAILABILITY_TTL_MS = 5_000;
const remembered = new TtlCache<boolean>({ ttlMs: AVAILABILITY_TTL_MS, maxEntries: 10_000 });

export function clearPackAvailabilityCache(): void {
  remembered.clear();
}

// Counts at most k contributors: the cost does not grow with a popular pack.
async function readAvailability(db: Db, packId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<Array<{ available: boolean }>>`
    SELECT (SELECT count(*) FROM (
              SELECT 1 FROM "pack_contributors" c WHERE c."packId" = p."id" LIMIT greatest(p."minContributors", 0)
            ) k) >= p."minContributors" AS "available"
    FROM "packs" p WHERE p."id" = ${packId}`;
  return row?.available ?? false;
}

export async function isPackAvailable(db: Db, packId: string, options: { cached?: boolean } = {}): Promise<boolean> {
  if (options.cached) {
    const known = remembered.get(packId);
    if (known !== undefined) return known;
  }
  const available = await readAvailability(db, packId);
  remembered.set(packId, available);
  return available;
}

export async function assertPackAvailable(db: Db, packId: string, options: { cached?: boolean } = {}): Promise<void> {
  if (!(await isPackAvailable(db, packId, options))) throw new AppError("not_found", COLLECTING_CONTRIBUTORS);
}
