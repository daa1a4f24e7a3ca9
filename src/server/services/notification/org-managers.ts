// Who hears about an org's billing and usage: its owners and admins (members read, they do not
// manage). One select for every email that goes to them.
import type { Prisma } from "~/server/db";
import { MANAGER_ROLES } from "~/lib/org-roles";

export const orgManagersSelect = {
  name: true,
  memberships: { where: { role: { in: [...MANAGER_ROLES] } }, select: { user: { select: { email: true } } } },
} satisfies Prisma.OrgSelect;

export function managerEmails(org: { memberships: Array<{ user: { email: string } }> }): string[] {
  return org.memberships.map((m) => m.user.email);
}
