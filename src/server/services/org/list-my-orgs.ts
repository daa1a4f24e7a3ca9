import type { Db } from "~/server/db";

export async function listMyOrgs(db: Db, input: { userId: string }) {
  const memberships = await db.membership.findMany({
    where: { userId: input.userId },
    orderBy: [{ createdAt: "asc" }, { orgId: "asc" }],
    select: { role: true, org: { select: { id: true, name: true, slug: true } } },
  });
  return memberships.map((m) => ({ ...m.org, role: m.role }));
}
