// GET /v1/packs/{slug}/rows: one page of a subscribed pack's rows for an API key, counted against
// the quota of the subscription's current period. The order of checks: the key's shape (401), the
// key's rate limit (429 rate_limited), the parameters (400), the key (401), its scope (403: an
// ingest key reads nothing), the pack and the org's access to it (404 either way: no existence
// leak), the privacy threshold (404: the pack is still collecting contributors), then the quota
// (429 quota_exceeded).
import { getDb, type Db } from "~/server/db";
import { AppError } from "~/server/errors";
import { isStorableText, UNSTORABLE_TEXT } from "~/server/validation/text";
import { assertKeyScope } from "../api-key/api-key-scope";
import { assertPackAvailable } from "../pack/pack-availability";
import { authenticateApiKey } from "../api-key/authenticate-api-key";
import { bearerKey, forgetApiKey, identifyApiKey } from "./identify-api-key";
import { RowMeter } from "./meter-rows";
import type { KeyRateLimiter } from "./rate-limit";
import { findPackBySlug, readRowPage } from "./read-row-page";
import { encodeCursor, parseRowsRequest, type RowsFormat } from "./rows-request";

export type Quota = { used: number; limit: number; remaining: number };

export type ServedRows = {
  format: RowsFormat;
  columns: string[];
  // Each row's data as JSON text.
  rows: string[];
  nextCursor: string;
  hasMore: boolean;
  quota: Quota;
  rateRemaining: number;
};

// Errors that come with figures the client needs: the quota with quota_exceeded, the wait with rate_limited.
export class RowsError extends AppError {
  quota?: Quota;
}

const globalForMeter = globalThis as unknown as { packMarketRowMeter?: RowMeter };

export function getRowMeter(): RowMeter {
  globalForMeter.packMarketRowMeter ??= new RowMeter(getDb);
  return globalForMeter.packMarketRowMeter;
}

const notFound = (text: string) => new AppError("not_found", `No pack "${slug(text)}" among your organization's subscriptions.`);

export async function serveRows(
  db: Db,
  input: { authorization: string | string[] | undefined; slug: string; search: string; limiter: KeyRateLimiter; meter?: RowMeter },
): Promise<ServedRows> {
  const presented = bearerKey(input.authorization);
  const rate = await input.limiter.consume(presented.keyHash);
  if (!rate.allowed) {
    throw new AppError("rate_limited", `Too many requests with this API key: retry in ${rate.retryAfterSeconds} s.`, {
      retryAfterSeconds: rate.retryAfterSeconds,
    });
  }
  const request = parseRowsRequest(input.search);
  if (!isStorableText(input.slug)) {
    throw new AppError("invalid_request", `Invalid request: slug: ${UNSTORABLE_TEXT}`, { issues: [{ path: "slug", message: UNSTORABLE_TEXT }] });
  }
  const identity = await identifyApiKey(db, presented);
  assertKeyScope(identity.scope, "read");
  const pack = await findPackBySlug(db, input.slug);
  if (!pack) {
    // The identity may come from the cache: a revoked key is told so, not not_found.
    if (!(await authenticateApiKey(db, presented.key))) {
      forgetApiKey(presented.keyHash);
      throw new AppError("unauthorized", "This API key has been revoked.");
    }
    throw notFound(input.slug);
  }
  await assertPackAvailable(db, pack.id, { cached: true });
  const page = await readRowPage(db, { packId: pack.id, afterId: request.afterId, limit: request.limit });
  const outcome = await (input.meter ?? getRowMeter()).meter({ keyId: identity.keyId, orgId: identity.orgId, packId: pack.id, rows: page.ids.length });
  if (outcome.kind === "key_revoked") {
    forgetApiKey(presented.keyHash);
    throw new AppError("unauthorized", "This API key has been revoked.");
  }
  if (outcome.kind === "no_access") {
    if (outcome.reason === "no_subscription") throw notFound(input.slug);
    throw new AppError(
      "not_found",
      `Your subscription to "${slug(input.slug)}" gives no rows now: it is past due beyond its grace period or has no billing period open. Pay the open invoice to resume.`,
    );
  }
  const quota = { used: outcome.rowsUsed, limit: outcome.rowQuota, remaining: outcome.remaining };
  if (page.ids.length > 0 && outcome.granted === 0) {
    const error = new RowsError("quota_exceeded", `No rows left this billing period: ${quota.used} of ${quota.limit} used.`);
    error.quota = quota;
    throw error;
  }
  const lastServed = outcome.granted > 0 ? page.ids[outcome.granted - 1]! : request.afterId;
  return {
    format: request.format,
    columns: pack.columns,
    rows: page.json.slice(0, outcome.granted),
    nextCursor: encodeCursor(lastServed),
    hasMore: outcome.granted < page.ids.length || page.hasMore,
    quota,
    rateRemaining: rate.remaining,
  };
}

function slug(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
