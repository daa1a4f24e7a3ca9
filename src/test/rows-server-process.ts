// A second app process for tests: serves the rows route on a free port and prints its URL.
import { startRowsServer } from "./rows-api";

const server = await startRowsServer();
process.stdout.write(`listening ${server.url}\n`);
process.on("SIGTERM", () => {
  void server.close().finally(() => process.exit(0));
});
