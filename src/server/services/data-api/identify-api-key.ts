// Which key and org a request's `Authorization: Bearer <key>` names. The key service
// (authenticateApiKey) decides; its answer is remembered for a minute per process, keyed by the
// key's hash, because which org a key belongs to never changes. Whether the key is still valid is
// not remembered (its scope is, it never changes either): meter-rows.ts reads revokedAt in the statement batch that counts each request's
// rows, so a revoked key fails on its next request in every process, cached or not. Once a minute
// the cache entry expires and authenticateApiKey runs again, which keeps lastUsedAt current.
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
import { authenticateApiKey, type KeyCaller } from "../api-key/authenticate-api-key";
import { hashApiKey, looksLikeApiKey } from "../api-key/api-key-secret";
import { TtlCache } from "./ttl-cache";

export type KeyIdentity = KeyCaller & { keyHash: string };

const identities = new TtlCache<KeyCaller>({ ttlMs: 60_000, maxEntries: 50_000 });

export function forgetApiKey(keyHash: string): void {
  identities.delete(keyHash);
}

export function clearApiKeyCache(): void {
  identities.clear();
}

const UNAUTHORIZED = "Send a valid API key as Authorization: Bearer <key>. Create one under API keys in the app.";

// The presented key when it has the shape of one of ours, before any lookup.
export function bearerKey(authorization: string | string[] | undefined): { key: string; keyHash: string } {
  const header = Array.isArray(authorization) ? undefined : authorization;
  const match = header ? /^Bearer +(\S+) *$/i.exec(header) : null;
  const key = match?.[1];
  if (!key || !looksLikeApiKey(key)) throw new AppError("unauthorized", UNAUTHORIZED);
  return { key, keyHash: hashApiKey(key) };
}

export async function identifyApiKey(db: Db, presented: { key: string; keyHash: string }): Promise<KeyIdentity> {
  const cached = identities.get(presented.keyHash);
  if (cached) return { ...cached, keyHash: presented.keyHash };
  const identity = await authenticateApiKey(db, presented.key);
  if (!identity) throw new AppError("unauthorized", UNAUTHORIZED);
  identities.set(presented.keyHash, identity);
  return { ...identity, keyHash: presented.keyHash };
}
