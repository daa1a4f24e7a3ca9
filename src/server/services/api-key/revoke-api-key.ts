// Revoking takes effect on the next request (authenticateApiKey reads revokedAt every time, nothing
// caches it). Revoking twice is fine and keeps the first date; another org's key is not_found.
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";

export async function revokeApiKey(db: Db, input: { orgId: string; keyId: string; now?: Date }) {
  const now = input.now ?? new Date();
  // Conditional, so two revokes at once still record one date.
  await db.apiKey.updateMany({ where: { id: input.keyId, orgId: input.orgId, revokedAt: null }, data: { revokedAt: now } });
  const key = await db.apiKey.findFirst({ where: { id: input.keyId, orgId: input.orgId }, select: { id: true, revokedAt: true } });
  if (!key?.revokedAt) throw new AppError("not_found", "No such API key.");
  return { id: key.id, revokedAt: key.revokedAt };
}
