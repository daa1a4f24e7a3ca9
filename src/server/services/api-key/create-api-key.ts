// A new key for the org. The full key is returned this once; only its hash and prefix are stored.
import type { Db } from "~/server/db";
import { apiKeySelect, type CreatedApiKey } from "./api-key-schemas";
import { generateApiKey } from "./api-key-secret";

export async function createApiKey(db: Db, input: { orgId: string; userId: string; label: string }): Promise<CreatedApiKey> {
  const { key, hash, prefix } = generateApiKey();
  const row = await db.apiKey.create({
    data: { orgId: input.orgId, createdById: input.userId, label: input.label, prefix, hash },
    select: apiKeySelect,
  });
  return { ...row, secret: key };
}
