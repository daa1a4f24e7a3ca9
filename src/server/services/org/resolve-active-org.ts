import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";

export type ActiveOrg = { id: string; name: string; slug: string; role: "owner" | "admin" | "member" };

// The org a request acts for: the one it asked for if the user is a member of it, else the user's
// first org. Membership is proven in the query itself; an org the user is not in is `not_found`.
export async function resolveActiveOrg(db: Db, input: { userId: string; requestedOrgId?: string | null }): Promise<ActiveOrg> {
  const membership = await db.membership.findFirst({
    where: { userId: input.userId, ...(input.requestedOrgId ? { orgId: input.requestedOrgId } : {}) },
    orderBy: [{ createdAt: "asc" }, { orgId: "asc" }],
    select: { role: true, org: { select: { id: true, name: true, slug: true } } },
  });
  if (!membership) {
    throw new AppError("not_found", input.requestedOrgId ? "Organization not found." : "You do not belong to any organization yet.");
  }
  return { ...membership.org, role: membership.role };
}
