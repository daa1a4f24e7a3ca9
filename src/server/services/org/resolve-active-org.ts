import type pg from "pg";
import { AppError } from "~/server/errors";

export type OrgRole = "owner" | "admin" | "member";
export type ActiveOrg = { id: string; name: string; slug: string; role: OrgRole };

// Org ids are cuids; anything else cannot name an org and never reaches the database (a NUL byte
// or a megabyte of text in a header would otherwise become a query parameter).
const ORG_ID_SHAPE = /^[a-z0-9]{1,64}$/i;

const ORG_NOT_FOUND = "Organization not found.";

// The org a request acts for. A request that names an org (header or cookie) gets that org if the
// user is a member of it and `not_found` otherwise, whatever the value: it never falls back to
// another org. A request that names none acts for the user's first org.
export async function resolveActiveOrg(sql: pg.Pool, input: { userId: string; requestedOrgId?: string | null }): Promise<ActiveOrg> {
  const requested = input.requestedOrgId;
  if (requested != null && !ORG_ID_SHAPE.test(requested)) throw new AppError("not_found", ORG_NOT_FOUND);
  // Every org-scoped request runs this first: one plain query on node-postgres (sql-pool.ts), not
  // Prisma, whose per-query cost was a good part of a signed-in read (bench:pages, my-packs).
  const {
    rows: [membership],
  } = await sql.query<ActiveOrg>(
    `SELECT o."id", o."name", o."slug", m."role"::text AS "role"
     FROM "memberships" m JOIN "orgs" o ON o."id" = m."orgId"
     WHERE m."userId" = $1 AND ($2::text IS NULL OR m."orgId" = $2)
     ORDER BY m."createdAt", m."orgId"
     LIMIT 1`,
    [input.userId, requested ?? null],
  );
  if (!membership) {
    throw new AppError("not_found", requested != null ? ORG_NOT_FOUND : "You do not belong to any organization yet.");
  }
  return membership;
}
