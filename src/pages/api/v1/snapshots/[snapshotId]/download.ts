import { snapshotDownloadHandler } from "~/server/rest/snapshot-download";

// Served at /v1/snapshots/{snapshotId}/download (next.config.mjs rewrites /v1 to /api/v1); Next
// prefers this route to the /api/v1 catch-all. No body to read; the file streams, so no response
// size limit.
export const config = { api: { bodyParser: false, responseLimit: false } };

export default snapshotDownloadHandler;
