import type { Db } from "~/server/db";

export type CreatePersonalOrgInput = { userId: string; email: string; name: string | null };

function slugBase(email: string) {
  const local = email.split("@")[0] ?? "org";
  return local.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "org";
}

export async function createPersonalOrg(db: Db, input: CreatePersonalOrgInput) {
  const display = input.name ?? input.email.split("@")[0] ?? "My";
  const suffix = input.userId.slice(-6);
  return db.org.create({
    data: {
      name: `${display}'s org`,
      slug: `${slugBase(input.email)}-${suffix}`,
      settings: { create: {} },
      memberships: { create: { userId: input.userId, role: "owner" } },
    },
    select: { id: true, name: true, slug: true },
  });
}
