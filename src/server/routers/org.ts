import { z } from "zod";
import { getOrgOverview } from "../services/org/get-org-overview";
import { listMyOrgs } from "../services/org/list-my-orgs";
import { ZOrgOverview } from "../services/org/org-schemas";
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

  overview: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/active/overview", tags: ["Account"], summary: "The org's account at a glance: subscriptions and usage, API keys, contributions and the next payout", protect: true } })
    .input(z.void())
    .output(ZOrgOverview)
    .query(({ ctx }) => getOrgOverview(ctx.db, { orgId: ctx.org.id })),
});
