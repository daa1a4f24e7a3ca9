// A second app process for the catalogue cache tests: serves the REST API (GET /v1/packs reads the
// cached catalogue) on a free port, with its own cache, and prints its URL once that cache is
// subscribed to invalidations (before that it reads through, which would prove nothing).
import { catalogueCache } from "~/server/cache/catalogue";
import { startRestServer } from "./rest";

const server = await startRestServer();
await catalogueCache().read("startup", async () => null);
for (let i = 0; i < 500 && !catalogueCache().ready(); i++) await new Promise((r) => setTimeout(r, 10));
if (!catalogueCache().ready()) throw new Error("The catalogue cache did not subscribe to Redis.");
process.stdout.write(`listening ${server.url}\n`);
process.on("SIGTERM", () => {
  void server.close().finally(() => process.exit(0));
});
