// A new key for the org. The full key is returned this once; only its hash and prefix are stored.
import type { Db } from "~/server/db";
import type { ApiKeyScope } from "./api-key-scope";
import { apiKeySelect, type CreatedApiKey } from "./api-key-schemas";
import { generateApiKey } from "./api-key-secret";

export async function createApiKey(db: Db, input: { orgId: string; userId: string; label: string; scope?: ApiKeyScope }): Promise<CreatedApiKey> {
  const { key, hash, prefix } = generateApiKey();
  const row = await db.apiKey.create({
    data: { orgId: input.orgId, createdById: input.userId, label: input.label, scope: input.scope ?? "read", prefix, hash },
    select: apiKeySelect,
  });
  return { ...row, secret: key };
}
