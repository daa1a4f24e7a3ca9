import { getPack } from "../services/pack/get-pack";
import { listPacks } from "../services/pack/list-packs";
import { ZGetPackInput, ZListPacksInput, ZPackDetail, ZPackList } from "../services/pack/pack-schemas";
import { publicProcedure, router } from "../trpc";

export const packRouter = router({
  list: publicProcedure
    .meta({ openapi: { method: "GET", path: "/packs", tags: ["Catalogue"], summary: "List packs (search, category filter)", protect: false } })
    .input(ZListPacksInput)
    .output(ZPackList)
    .query(({ ctx, input }) => listPacks(ctx.db, input)),

  bySlug: publicProcedure
    .meta({ openapi: { method: "GET", path: "/packs/{slug}", tags: ["Catalogue"], summary: "A pack: schema, sample rows, tiers", protect: false } })
    .input(ZGetPackInput)
    .output(ZPackDetail)
    .query(({ ctx, input }) => getPack(ctx.db, input)),
});
