import { z } from "zod";
import {
  ZApiKeyList,
  ZCreateApiKeyInput,
  ZCreatedApiKey,
  ZRevokeApiKeyInput,
  ZRevokedApiKey,
} from "../services/api-key/api-key-schemas";
import { createApiKey } from "../services/api-key/create-api-key";
import { listApiKeys } from "../services/api-key/list-api-keys";
import { revokeApiKey } from "../services/api-key/revoke-api-key";
import { orgAdminProcedure, orgProcedure, router } from "../trpc";

// Members see the org's keys; only its admins and owners create and revoke them.
export const apiKeyRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/marketplace/api-keys", tags: ["API keys"], summary: "Your org's API keys (never the keys themselves)", protect: true } })
    .input(z.void())
    .output(ZApiKeyList)
    .query(({ ctx }) => listApiKeys(ctx.db, { orgId: ctx.org.id })),

  create: orgAdminProcedure
    .meta({ openapi: { method: "POST", path: "/marketplace/api-keys", tags: ["API keys"], summary: "Create an API key (scope read or ingest); the full key is in this answer only", protect: true } })
    .input(ZCreateApiKeyInput)
    .output(ZCreatedApiKey)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, { orgId: ctx.org.id, userId: ctx.userId, label: input.label, scope: input.scope })),

  revoke: orgAdminProcedure
    .meta({ openapi: { method: "DELETE", path: "/marketplace/api-keys/{keyId}", tags: ["API keys"], summary: "Revoke an API key: it fails from the next request on", protect: true } })
    .input(ZRevokeApiKeyInput)
    .output(ZRevokedApiKey)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, { orgId: ctx.org.id, keyId: input.keyId })),
});
