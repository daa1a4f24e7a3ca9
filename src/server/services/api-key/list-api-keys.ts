// The org's live keys, newest first. Revoked keys no longer open anything and leave the list.
import type { Db } from "~/server/db";
import { apiKeySelect } from "./api-key-schemas";

export async function listApiKeys(db: Db, input: { orgId: string }) {
  const keys = await db.apiKey.findMany({
    where: { orgId: input.orgId, revokedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: apiKeySelect,
  });
  return { keys };
}
