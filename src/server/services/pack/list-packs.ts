import type { Db, Prisma } from "~/server/db";
import type { ListPacksInput } from "./pack-schemas";
import { packCardSelect, toPackCard } from "./pack-select";
import { searchPackIds } from "./search-packs";

// The public catalogue: active packs, optionally narrowed to one category, and searched with
// full-text ranking (search-packs.ts): with a search the order is relevance, else the title.
export async function listPacks(db: Db, input: ListPacksInput) {
  const search = input.search?.trim();
  const ranked = search ? await searchPackIds(db, { text: search, category: input.category }) : null;
  const where: Prisma.PackWhereInput = {
    status: "active",
    ...(input.category ? { category: { equals: input.category, mode: "insensitive" } } : {}),
    ...(ranked ? { id: { in: ranked } } : {}),
  };
  const [rows, categories] = await Promise.all([
    ranked?.length === 0 ? [] : db.pack.findMany({ where, orderBy: [{ title: "asc" }], select: packCardSelect }),
    db.pack.findMany({ where: { status: "active" }, distinct: ["category"], orderBy: { category: "asc" }, select: { category: true } }),
  ]);
  const order = new Map(ranked?.map((id, i) => [id, i]));
  const sorted = ranked ? [...rows].sort((a, b) => order.get(a.id)! - order.get(b.id)!) : rows;
  return { packs: sorted.map(toPackCard), categories: categories.map((c) => c.category) };
}
