// The public catalogue reads as the pages and the API serve them: from the catalogue cache
// (src/server/cache/catalogue.ts), keyed by the parsed input, loading through the services on a miss.
import { catalogueCache } from "~/server/cache/catalogue";
import type { Db } from "~/server/db";
import { getPack } from "./get-pack";
import { listPacks } from "./list-packs";
import type { ListPacksInput } from "./pack-schemas";

export function readPackList(db: Db, input: ListPacksInput) {
  return catalogueCache().read(`list:${JSON.stringify(input)}`, () => listPacks(db, input));
}

export function readPack(db: Db, input: { slug: string }) {
  return catalogueCache().read(`pack:${input.slug}`, () => getPack(db, input));
}
