// POST /v1/ingest/sessions: a seller's batch of up to 1,000 sessions becomes pack rows. Each session
// is judged on its own: the batch keeps every valid one and says, in order, which were accepted,
// which were duplicates (its client session id is already stored for the org: nothing changes) and
// which were rejected, with a reason code. Cheap checks run here in JS for the whole batch (shape,
// time, pack, payload against the pack's compiled row schema); the rest, and the write, are one
// set-based statement (appendPackRows with eligibility): the product is the org's, and at the
// session's own time the org's global switch was on and the product was opted into the pack.
import type { Db } from "~/server/db";
import { AppError } from "~/server/errors";
import { getSqlPool } from "~/server/sql-pool";
import { invalidateCatalogue } from "~/server/cache/catalogue";
import { isPackAvailable } from "../pack/pack-availability";
import { appendPackRows, type AppendOutcome, type NewPackRow, type SqlTarget } from "../data-api/append-pack-rows";
import { findIngestPacks } from "./ingest-packs";
import { isIsoTimestamp } from "./payload-validator";

export const MAX_SESSIONS_PER_BATCH = 1000;
export const MAX_CLIENT_SESSION_ID_LENGTH = 128;
// A session may be stamped a little ahead of our clock.
export const FUTURE_SKEW_MS = 5 * 60_000;
// Sessions of the previous month are taken until this day of the month (UTC, exclusive), so a
// month's contributions are settled days before the payout run on the 5th.
export const LATE_SESSIONS_UNTIL_DAY = 4;

export type RejectionCode =
  | "invalid_session"
  | "invalid_time"
  | "pack_not_found"
  | "product_not_found"
  | "marketplace_off"
  | "not_opted_in"
  | "schema_mismatch";

export type SessionResult = {
  index: number;
  client_session_id: string | null;
  status: "accepted" | "duplicate" | "rejected";
  error?: { code: RejectionCode; message: string };
};

export type IngestResult = { accepted: number; duplicates: number; rejected: number; results: SessionResult[] };

const VISIBLE_ASCII = (max: number) => new RegExp(`^[\\x21-\\x7e]{1,${max}}$`);
const CLIENT_SESSION_ID = VISIBLE_ASCII(MAX_CLIENT_SESSION_ID_LENGTH);
const PRODUCT_ID = VISIBLE_ASCII(64);
const PACK_SLUG = VISIBLE_ASCII(120);

function invalidBatch(message: string): AppError {
  return new AppError("invalid_request", `Invalid request: sessions: ${message}`, { issues: [{ path: "sessions", message }] });
}

// The batch's sessions from a parsed body: batch-level problems refuse the whole request.
export function sessionsOf(body: unknown): unknown[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new AppError("invalid_request", "The body must be a JSON object: { \"sessions\": [...] }.");
  const sessions = (body as { sessions?: unknown }).sessions;
  if (!Array.isArray(sessions)) throw invalidBatch("must be an array of sessions");
  if (sessions.length === 0) throw invalidBatch("must hold at least one session");
  if (sessions.length > MAX_SESSIONS_PER_BATCH) throw invalidBatch(`must hold at most ${MAX_SESSIONS_PER_BATCH} sessions; split the batch`);
  return sessions;
}

// Sessions are accepted from `from` (inclusive) to `until` (exclusive).
export function acceptedWindow(now: Date): { from: Date; until: Date } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const late = now.getUTCDate() < LATE_SESSIONS_UNTIL_DAY;
  return { from: new Date(Date.UTC(year, late ? month - 1 : month, 1)), until: new Date(now.getTime() + FUTURE_SKEW_MS) };
}

type Valid = { index: number; row: NewPackRow; packSlug: string; productId: string };

const quote = (text: string) => JSON.stringify(text);

function refusalMessage(code: AppendOutcome, item: Valid): string {
  switch (code) {
    case "pack_not_found":
      return `No active pack ${quote(item.packSlug)}.`;
    case "product_not_found":
      return `No product ${quote(item.productId)} in your organization.`;
    case "marketplace_off":
      return "Your organization's marketplace switch was off at occurred_at: sessions from then do not contribute.";
    default:
      return `Product ${quote(item.productId)} was not opted into pack ${quote(item.packSlug)} at occurred_at.`;
  }
}

export async function ingestSessions(db: Db, input: { orgId: string; sessions: unknown[]; now?: Date; sql?: SqlTarget }): Promise<IngestResult> {
  const now = input.now ?? new Date();
  const window = acceptedWindow(now);
  const results: SessionResult[] = input.sessions.map((_, index) => ({ index, client_session_id: null, status: "rejected" }));
  const reject = (index: number, code: RejectionCode, message: string) => {
    results[index]!.error = { code, message };
  };

  // Shape and time first: only well-formed sessions name packs to look up.
  const shaped: Array<{ index: number; sid: string; productId: string; packSlug: string; at: Date; payload: unknown }> = [];
  input.sessions.forEach((item, index) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) return reject(index, "invalid_session", "A session must be an object.");
    const s = item as Record<string, unknown>;
    const sid = s.client_session_id;
    if (typeof sid !== "string" || !CLIENT_SESSION_ID.test(sid)) {
      return reject(index, "invalid_session", `client_session_id must be 1 to ${MAX_CLIENT_SESSION_ID_LENGTH} visible ASCII characters (no spaces).`);
    }
    results[index]!.client_session_id = sid;
    if (typeof s.product_id !== "string" || !PRODUCT_ID.test(s.product_id)) return reject(index, "invalid_session", "product_id must be one of your products' ids.");
    if (typeof s.pack !== "string" || !PACK_SLUG.test(s.pack)) return reject(index, "invalid_session", "pack must be a pack's slug.");
    if (!("payload" in s)) return reject(index, "invalid_session", "payload is missing: an object with the pack's columns.");
    if (typeof s.occurred_at !== "string" || !isIsoTimestamp(s.occurred_at)) {
      return reject(index, "invalid_time", "occurred_at must be an ISO 8601 date-time with a zone, e.g. 2026-11-20T10:00:00Z.");
    }
    const at = new Date(s.occurred_at);
    if (at >= window.until) return reject(index, "invalid_time", "occurred_at is more than 5 minutes in the future.");
    if (at < window.from) {
      return reject(index, "invalid_time", `occurred_at is before ${window.from.toISOString()}: sessions are taken for the current month, and for the previous one until the ${LATE_SESSIONS_UNTIL_DAY}th.`);
    }
    shaped.push({ index, sid, productId: s.product_id, packSlug: s.pack, at, payload: s.payload });
  });

  const packs = await findIngestPacks(db, shaped.map((s) => s.packSlug));
  const valid: Valid[] = [];
  for (const s of shaped) {
    const pack = packs.get(s.packSlug);
    if (!pack?.active) {
      reject(s.index, "pack_not_found", `No active pack ${quote(s.packSlug)}.`);
      continue;
    }
    const problem = pack.validate(s.payload);
    if (problem) {
      reject(s.index, "schema_mismatch", problem);
      continue;
    }
    valid.push({
      index: s.index,
      packSlug: s.packSlug,
      productId: s.productId,
      row: { packId: pack.id, contributorOrgId: input.orgId, productId: s.productId, clientSessionId: s.sid, data: s.payload as NewPackRow["data"], sessionAt: s.at },
    });
  }

  if (valid.length > 0) {
    // Packs still collecting contributors: if this batch opens one, the catalogue must show it.
    const packIds = [...new Set(valid.map((v) => v.row.packId))];
    const collecting = (await Promise.all(packIds.map(async (id) => ((await isPackAvailable(db, id, { cached: true })) ? null : id)))).filter(
      (id): id is string => id !== null,
    );
    // One statement in its own transaction: its packs' locks are held only until it commits.
    const outcomes = await appendPackRows(
      input.sql ?? getSqlPool(),
      valid.map((v) => v.row),
      { checkEligibility: true },
    );
    valid.forEach((item, k) => {
      const outcome = outcomes[k]!;
      const result = results[item.index]!;
      if (outcome === "inserted") result.status = "accepted";
      else if (outcome === "duplicate") result.status = "duplicate";
      else reject(item.index, outcome, refusalMessage(outcome, item));
    });
    const opened = await Promise.all(collecting.map((id) => isPackAvailable(db, id)));
    if (opened.some(Boolean)) await invalidateCatalogue();
  }
  let accepted = 0;
  let duplicates = 0;
  for (const result of results) {
    if (result.status === "accepted") accepted++;
    else if (result.status === "duplicate") duplicates++;
  }
  return { accepted, duplicates, rejected: results.length - accepted - duplicates, results };
}
