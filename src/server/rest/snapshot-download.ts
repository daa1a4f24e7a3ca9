// GET /v1/snapshots/{snapshotId}/download: a snapshot file, streamed from storage to the client
// (never held in memory), after its rows are counted all or nothing. A program sends an API key
// (Authorization: Bearer <key>, acting for the key's org); a browser its session, for the org the
// request names (header or cookie, as everywhere). Errors in the REST
// format { error: { code, message } }; once the file has started, a failure can only cut the
// connection.
import { getSqlPool } from "~/server/sql-pool";
import { getTRPCErrorFromUnknown } from "@trpc/server";
import type { NextApiRequest, NextApiResponse } from "next";
import { pipeline } from "node:stream/promises";
import { createContext } from "../context";
import { getDb, type Db } from "../db";
import { AppError, httpStatus, restErrorBody, toPublicError } from "../errors";
import { logUnexpectedError } from "../log";
import { assertKeyScope } from "../services/api-key/api-key-scope";
import { authenticateApiKey } from "../services/api-key/authenticate-api-key";
import { resolveActiveOrg } from "../services/org/resolve-active-org";
import { openSnapshotDownload } from "../services/snapshot/open-snapshot-download";
import { getSnapshotStorage, type SnapshotStorage } from "../storage";
import { UNSTORABLE_TEXT, ZText } from "../validation/text";

const ZSnapshotId = ZText.min(1).max(64);

function snapshotIdOf(req: NextApiRequest): string {
  const parsed = ZSnapshotId.safeParse(req.query.snapshotId);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message === UNSTORABLE_TEXT ? UNSTORABLE_TEXT : "must be a snapshot id";
  throw new AppError("invalid_request", `Invalid request: snapshotId: ${message}`, { issues: [{ path: "snapshotId", message }] });
}

async function callerOf(req: NextApiRequest, res: NextApiResponse): Promise<{ db: Db; orgId: string; apiKeyId: string | null }> {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const db = getDb();
    const key = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
    if (!key) throw new AppError("unauthorized", "Send the API key as Authorization: Bearer <key>.");
    const caller = await authenticateApiKey(db, key);
    if (!caller) throw new AppError("unauthorized", "This API key is not valid or has been revoked.");
    assertKeyScope(caller.scope, "read");
    return { db, orgId: caller.orgId, apiKeyId: caller.keyId };
  }
  const ctx = await createContext({ req, res });
  const userId = ctx.session?.user?.id;
  if (!userId) throw new AppError("unauthorized", "Sign in or send an API key (Authorization: Bearer <key>).");
  const org = await resolveActiveOrg(getSqlPool(), { userId, requestedOrgId: ctx.requestedOrgId });
  return { db: ctx.db, orgId: org.id, apiKeyId: null };
}

function isClientGone(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "ERR_STREAM_PREMATURE_CLOSE";
}

export function createSnapshotDownloadHandler(deps: { storage: () => SnapshotStorage } = { storage: getSnapshotStorage }) {
  return async function snapshotDownload(req: NextApiRequest, res: NextApiResponse) {
    try {
      if (req.method !== "GET") {
        res.setHeader("Allow", "GET");
        throw new AppError("method_not_allowed", "Use GET on this path.");
      }
      const { db, orgId, apiKeyId } = await callerOf(req, res);
      const download = await openSnapshotDownload(db, deps.storage(), { orgId, snapshotId: snapshotIdOf(req), apiKeyId });
      res.writeHead(200, {
        "Content-Type": download.contentType,
        "Content-Length": String(download.sizeBytes),
        "Content-Disposition": `attachment; filename="${download.filename}"`,
        // Every download is counted: nothing may answer it from a cache.
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Snapshot-Rows": String(download.rowCount),
        "X-Snapshot-Sha256": download.sha256,
        "X-Quota-Remaining": String(download.remaining),
      });
      try {
        await pipeline(download.body, res);
      } catch (error) {
        if (!isClientGone(error)) console.error(`[error] snapshot download ${req.url}: the file stream failed`, error);
        res.destroy();
      }
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      logUnexpectedError(error, "REST GET /v1/snapshots/{snapshotId}/download");
      const publicError = toPublicError(error);
      res.status(httpStatus(publicError.code)).json(restErrorBody(publicError));
    }
  };
}

export const snapshotDownloadHandler = createSnapshotDownloadHandler();
