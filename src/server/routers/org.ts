import { z } from "zod";
import { listMyOrgs } from "../services/org/list-my-orgs";
import { orgProcedure, protectedProcedure, router } from "../trpc";

const ZOrgRole = z.enum(["owner", "admin", "member"]);
const ZOrg = z.object({ id: z.string(), name: z.string(), slug: z.string(), role: ZOrgRole });

export const orgRouter = router({
  mine: protectedProcedure
    .meta({ openapi: { method: "GET", path: "/orgs", tags: ["Account"], summary: "The orgs you belong to", protect: true } })
    .input(z.void())
    .output(z.array(ZOrg))
    .query(({ ctx }) => listMyOrgs(ctx.db, { userId: ctx.userId })),

  active: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/active", tags: ["Account"], summary: "The org this request acts for", protect: true } })
    .input(z.void())
    .output(ZOrg)
    .query(({ ctx }) => ctx.org),
});
