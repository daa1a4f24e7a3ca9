// Slugs are lowercase and compared without case: /marketplace/packs/EV-Charging-Sessions is the EV
// Charging Sessions pack. The page redirects such a path to the canonical one; the REST read
// (GET /v1/packs/{slug}) serves the pack, whose `slug` field is the canonical form.
import type { Db } from "~/server/db";

// The canonical slug of the active pack whose slug equals `slug` ignoring case, or null.
export async function canonicalPackSlug(db: Db, slug: string): Promise<string | null> {
  const pack = await db.pack.findFirst({
    where: { slug: { equals: slug, mode: "insensitive" }, status: "active" },
    orderBy: { slug: "asc" },
    select: { slug: true },
  });
  return pack?.slug ?? null;
}
