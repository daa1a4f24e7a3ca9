import { readPack, readPackList } from "../services/pack/cached-catalogue";
import { ZGetPackInput, ZListPacksInput, ZPackDetail, ZPackList } from "../services/pack/pack-schemas";
import { publicProcedure, router } from "../trpc";

export const packRouter = router({
  list: publicProcedure
    .meta({ openapi: { method: "GET", path: "/packs", tags: ["Catalogue"], summary: "List packs (search, category filter)", protect: false } })
    .input(ZListPacksInput)
    .output(ZPackList)
    .query(({ ctx, input }) => readPackList(ctx.db, input)),

  bySlug: publicProcedure
    .meta({ openapi: { method: "GET", path: "/packs/{slug}", tags: ["Catalogue"], summary: "A pack: schema, sample rows, tiers", protect: false } })
    .input(ZGetPackInput)
    .output(ZPackDetail)
    .query(({ ctx, input }) => readPack(ctx.db, input)),
});
