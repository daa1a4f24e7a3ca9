import { z } from "zod";
import type { Prisma } from "~/server/db";
import { ZText } from "~/server/validation/text";

export const ZCreateApiKeyInput = z.object({
  label: ZText.trim().min(1, "Give the key a label").max(100, "Keep the label to 100 characters or fewer"),
});

export const ZRevokeApiKeyInput = z.object({ keyId: ZText.trim().min(1).max(64) });

export const ZApiKey = z.object({
  id: z.string(),
  label: z.string(),
  prefix: z.string().describe("The key's first characters, to tell keys apart; the rest is never shown again"),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable().describe("Written at most once a minute; null until the key is first used"),
  createdBy: z.object({ name: z.string().nullable(), email: z.string() }).nullable(),
});

export const ZApiKeyList = z.object({ keys: z.array(ZApiKey) });

export const ZCreatedApiKey = ZApiKey.extend({
  secret: z.string().describe("The full key: shown this once, never stored or returned again"),
});

export const ZRevokedApiKey = z.object({ id: z.string(), revokedAt: z.date() });

// What leaves the server about a key: never its hash.
export const apiKeySelect = {
  id: true,
  label: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  createdBy: { select: { name: true, email: true } },
} satisfies Prisma.ApiKeySelect;

export type ApiKey = z.infer<typeof ZApiKey>;
export type CreatedApiKey = z.infer<typeof ZCreatedApiKey>;
