// bench:ingest with BENCH_TARGET=node: the ingest route in a plain Node HTTP server (as the tests
// serve it), in a process of its own; prints its URL.
import ingestSessionsRoute from "../../src/pages/api/v1/ingest/sessions";
import { startApiServer } from "../../src/test/next-api";
import { INGEST_ROUTE_PATTERN } from "../../src/test/rest";

const server = await startApiServer([{ prefix: "/v1/ingest/", pattern: INGEST_ROUTE_PATTERN, handler: ingestSessionsRoute }]);
process.stdout.write(`listening ${server.url}\n`);
process.on("SIGTERM", () => {
  void server.close().finally(() => process.exit(0));
});
