// Reading a pack's rows for the data API: the pack by slug, and a page of rows after a row id in
// id order. Only each row's `data` is read: the contributor never leaves the server.
//
// A page followed by at least one more row is settled: appends to a pack are serialised
// (append-pack-rows.ts), so no row can ever appear inside it. Such pages are cached and shared by
// every buyer of the pack; the tail of a pack (no row after it yet) is always read fresh, so an
// incremental sync sees a new row on its next request.
import type { Db } from "~/server/db";
import { TtlCache } from "./ttl-cache";

export type PackRef = { id: string; slug: string; columns: string[] };

// The rows of a page as JSON text (as PostgreSQL stores them), ready to be written out.
export type RowPage = { ids: bigint[]; json: string[]; hasMore: boolean };

const packs = new TtlCache<PackRef>({ ttlMs: 60_000, maxEntries: 10_000 });
// Bounded by size: about 32 MiB of rows (2 bytes a character of JSON, plus each row's id).
const pages = new TtlCache<RowPage>({
  ttlMs: 5 * 60_000,
  maxEntries: 2_000,
  weigh: (page) => page.json.reduce((sum, row) => sum + 2 * row.length + 64, 0),
  maxWeight: 32 * 1024 * 1024,
});

export function clearRowCaches(): void {
  packs.clear();
  pages.clear();
}

function columnsOf(rowSchema: unknown): string[] {
  if (!Array.isArray(rowSchema)) return [];
  return rowSchema.flatMap((column: unknown) =>
    typeof column === "object" && column !== null && "name" in column && typeof column.name === "string" ? [column.name] : [],
  );
}

// Whatever the pack's status: a buyer whose subscription is live keeps reading a retired pack.
export async function findPackBySlug(db: Db, slug: string): Promise<PackRef | null> {
  const cached = packs.get(slug);
  if (cached) return cached;
  const pack = await db.pack.findUnique({ where: { slug }, select: { id: true, slug: true, rowSchema: true } });
  if (!pack) return null;
  const ref = { id: pack.id, slug: pack.slug, columns: columnsOf(pack.rowSchema) };
  packs.set(slug, ref);
  return ref;
}

export async function readRowPage(db: Db, input: { packId: string; afterId: bigint; limit: number }): Promise<RowPage> {
  const key = `${input.packId}:${input.afterId}:${input.limit}`;
  const cached = pages.get(key);
  if (cached) return cached;
  const rows = await db.$queryRaw<{ id: bigint; json: string }[]>`
    SELECT "id", "data"::text AS "json" FROM "pack_rows"
    WHERE "packId" = ${input.packId} AND "id" > ${input.afterId}
    ORDER BY "id" LIMIT ${input.limit + 1}`;
  const hasMore = rows.length > input.limit;
  const kept = hasMore ? rows.slice(0, input.limit) : rows;
  const page = { ids: kept.map((r) => BigInt(r.id)), json: kept.map((r) => r.json), hasMore };
  if (hasMore) pages.set(key, page);
  return page;
}
