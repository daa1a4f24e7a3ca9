// The data API's rows route served over HTTP, in this process or in a child process of its own (a
// second app process against the same database, with its own caches, meter and rate limiter).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import rowsRoute from "~/pages/api/v1/packs/[slug]/rows";
import { startApiServer } from "./next-api";

// As Next routes it: /v1/packs/<slug>/rows (through the rewrite) and /api/v1/packs/<slug>/rows.
export const ROWS_ROUTE_PATTERN = /^\/(api\/)?v1\/packs\/[^/]+\/rows$/;

export function startRowsServer() {
  return startApiServer([{ prefix: "/v1/packs/", pattern: ROWS_ROUTE_PATTERN, handler: rowsRoute }]);
}

export type RowsProcess = { url: string; stop: () => Promise<void> };

const CHILD = fileURLToPath(new URL("./rows-server-process.ts", import.meta.url));

// `env` adds to this process's environment (DATABASE_URL included, so it shares the test database).
export function spawnRowsServer(env: Record<string, string | undefined> = {}): Promise<RowsProcess> {
  return spawnServerProcess(CHILD, env);
}

// A test server script run in a process of its own: it prints `listening <url>` once it serves.
export function spawnServerProcess(script: string, env: Record<string, string | undefined> = {}): Promise<RowsProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`The server process ${script} did not start: ${out}`));
    }, 30_000);
    child.once("exit", (code) => reject(new Error(`The server process ${script} exited with ${code}: ${out}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^listening (\S+)$/m.exec(out);
      if (!line) return;
      clearTimeout(timer);
      resolve({
        url: line[1]!,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
