import { z } from "zod";
import type { Prisma } from "~/server/db";
import { ZText } from "~/server/validation/text";
import { API_KEY_SCOPES } from "./api-key-scope";

export const ZApiKeyScope = z
  .enum(API_KEY_SCOPES)
  .describe("read: a buyer's key, reads rows and snapshots of your subscriptions. ingest: a seller's key, only sends sessions to POST /v1/ingest/sessions");

export const ZCreateApiKeyInput = z.object({
  label: ZText.trim().min(1, "Give the key a label").max(100, "Keep the label to 100 characters or fewer"),
  scope: ZApiKeyScope.default("read"),
});

export const ZRevokeApiKeyInput = z.object({ keyId: ZText.trim().min(1).max(64) });

export const ZApiKey = z.object({
  id: z.string(),
  label: z.string(),
  scope: ZApiKeyScope,
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
  scope: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  createdBy: { select: { name: true, email: true } },
} satisfies Prisma.ApiKeySelect;

export type ApiKey = z.infer<typeof ZApiKey>;
export type CreatedApiKey = z.infer<typeof ZCreatedApiKey>;
