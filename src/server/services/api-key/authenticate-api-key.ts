// The data API's door: which org a presented key acts for, with the key's scope (callers check it:
// api-key-scope.ts), or null. The key is looked up by its
// hash (no comparison of secrets that could leak timing), revocation is read on every call, and
// lastUsedAt is written at most once a minute per key so busy keys do not turn reads into writes.
import type { Db } from "~/server/db";
import type { ApiKeyScope } from "./api-key-scope";
import { hashApiKey, looksLikeApiKey } from "./api-key-secret";

export type KeyCaller = { keyId: string; orgId: string; scope: ApiKeyScope };

export const LAST_USED_RESOLUTION_MS = 60_000;

export async function authenticateApiKey(db: Db, rawKey: unknown, now: Date = new Date()): Promise<KeyCaller | null> {
  if (!looksLikeApiKey(rawKey)) return null;
  const key = await db.apiKey.findUnique({
    where: { hash: hashApiKey(rawKey) },
    select: { id: true, orgId: true, scope: true, revokedAt: true, lastUsedAt: true },
  });
  if (!key || key.revokedAt) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!key.lastUsedAt || key.lastUsedAt < staleBefore) {
    // One conditional UPDATE: of many requests that all read a stale date, the first to update
    // wins and the others find the row fresh once its lock is released, so they write nothing.
    await db.apiKey.updateMany({
      where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return { keyId: key.id, orgId: key.orgId, scope: key.scope };
}
