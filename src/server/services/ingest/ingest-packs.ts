// The packs a batch names, by slug, with their payload validators compiled once and remembered for
// a minute per process. Only what may lag a little lives here: whether a pack is active is decided
// again by the database in the statement that appends the rows (append-pack-rows.ts), so a retired
// pack refuses sessions at once; a changed row schema is picked up within the minute.
import type { Db } from "~/server/db";
import { TtlCache } from "../data-api/ttl-cache";
import { compilePayloadValidator, type PayloadValidator } from "./payload-validator";

export type IngestPack = { id: string; active: boolean; validate: PayloadValidator };

const packs = new TtlCache<IngestPack>({ ttlMs: 60_000, maxEntries: 10_000 });

export function clearIngestPackCache(): void {
  packs.clear();
}

// Known packs by slug; a slug with no pack is absent.
export async function findIngestPacks(db: Db, slugs: Iterable<string>): Promise<Map<string, IngestPack>> {
  const found = new Map<string, IngestPack>();
  const missing: string[] = [];
  for (const slug of new Set(slugs)) {
    const cached = packs.get(slug);
    if (cached) found.set(slug, cached);
    else missing.push(slug);
  }
  if (missing.length === 0) return found;
  const rows = await db.pack.findMany({ where: { slug: { in: missing } }, select: { id: true, slug: true, status: true, rowSchema: true } });
  for (const row of rows) {
    const pack = { id: row.id, active: row.status === "active", validate: compilePayloadValidator(row.rowSchema) };
    packs.set(row.slug, pack);
    found.set(row.slug, pack);
  }
  return found;
}
