import { statementDownloadHandler } from "~/server/rest/statement-download";

// Served at /v1/marketplace/statements/{month}.csv and .pdf (next.config.mjs rewrites /v1 to
// /api/v1). Next prefers this route to the /api/v1 catch-all for every name at this depth, so
// names that are not statement files (GET /v1/marketplace/statements/list) go on to the REST
// handler, which reads its own body.
export const config = { api: { bodyParser: false } };

export default statementDownloadHandler;
