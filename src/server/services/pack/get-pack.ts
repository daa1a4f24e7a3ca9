import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
import { isPackAvailable } from "./pack-availability";
import { ZRowSchema, ZSampleRows, type PackDetail } from "./pack-schemas";
import { canonicalPackSlug } from "./canonical-slug";
import { packCardSelect, sortTiers, toPackCard } from "./pack-select";

export async function getPack(db: Db, input: { slug: string }): Promise<PackDetail> {
  const select = { ...packCardSelect, description: true, revenueShareBps: true, sampleRows: true, updatedAt: true };
  let row = await db.pack.findFirst({ where: { slug: input.slug, status: "active" }, select });
  // Another case of the slug: the same pack (canonical-slug.ts).
  const canonical = row ? null : await canonicalPackSlug(db, input.slug);
  if (canonical) row = await db.pack.findFirst({ where: { slug: canonical, status: "active" }, select });
  if (!row) throw new AppError("not_found", `No pack with slug "${input.slug}".`);
  return {
    ...toPackCard(row),
    description: row.description,
    revenueShareBps: row.revenueShareBps,
    rowSchema: ZRowSchema.parse(row.rowSchema),
    sampleRows: ZSampleRows.parse(row.sampleRows),
    tiers: sortTiers(row.tiers),
    updatedAt: row.updatedAt,
    available: await isPackAvailable(db, row.id),
  };
}
