import type { Db, Prisma } from "~/server/db";
import type { ListPacksInput } from "./pack-schemas";
import { packCardSelect, toPackCard } from "./pack-select";

// The public catalogue: active packs, searched by words in title, summary, description or
// category, optionally narrowed to one category.
export async function listPacks(db: Db, input: ListPacksInput) {
  const search = input.search?.trim();
  const words = search ? search.split(/\s+/).slice(0, 8) : [];
  const where: Prisma.PackWhereInput = {
    status: "active",
    ...(input.category ? { category: { equals: input.category, mode: "insensitive" } } : {}),
    AND: words.map((word) => ({
      OR: [
        { title: { contains: word, mode: "insensitive" } },
        { summary: { contains: word, mode: "insensitive" } },
        { description: { contains: word, mode: "insensitive" } },
        { category: { contains: word, mode: "insensitive" } },
      ],
    })),
  };
  const [rows, categories] = await Promise.all([
    db.pack.findMany({ where, orderBy: [{ title: "asc" }], select: packCardSelect }),
    db.pack.findMany({ where: { status: "active" }, distinct: ["category"], orderBy: { category: "asc" }, select: { category: true } }),
  ]);
  return { packs: rows.map(toPackCard), categories: categories.map((c) => c.category) };
}
