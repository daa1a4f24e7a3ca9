// A local, dev-only executor of the Inngest SDK's HTTP protocol, started by `npm run dev` (no
// Inngest server can be installed on these machines). It syncs the app's functions, takes in
// events, drives runs step by step with retries, fires crons, and keeps everything in a state
// file so a restart loses nothing. Production talks to Inngest Cloud or a self-hosted Inngest.
//
//   http.ts      routes: the SDK's (/fn/register, /e/:key) and the developer's (/dev/...)
//   executor.ts  syncing, events and deduplication, starting runs, crons, manual triggers
//   driver.ts    doing due work: calls to the app, ends of sleeps
//   advance.ts   what an answer from the SDK means for the run (steps, retries, sleeps, end)
//   call.ts      one call request to the app's serve endpoint
//   state.ts     the state file; cron.ts, triggers.ts, time.ts: pure helpers
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { BackoffOptions } from "../../src/lib/backoff";
import { Executor } from "./executor";
import { createExecutorServer } from "./http";
import { StateStore } from "./state";

export const DEFAULT_EXECUTOR_PORT = 8288;
export const DEFAULT_STATE_FILE = ".data/inngest-dev/state.json";

export type StartOptions = {
  stateFile?: string;
  // 8288 by default (where the SDK's dev mode looks); 0 for any free port.
  port?: number;
  // When the port is taken, take any free one instead of failing.
  fallbackToFreePort?: boolean;
  log?: (message: string) => void;
  concurrency?: number;
  retryBackoff?: BackoffOptions;
  // Sleeps longer than this end early (tests use 0).
  maxSleepMs?: number;
  callTimeoutMs?: number;
  // Fire cron triggers on schedule (tests turn it off and fire by hand).
  cron?: boolean;
};

export type InngestDevExecutor = { url: string; executor: Executor; close: () => Promise<void> };

export async function startInngestDevExecutor(opts: StartOptions = {}): Promise<InngestDevExecutor> {
  if (process.env.NODE_ENV === "production") {
    throw new Error("The local Inngest executor is dev-only and refuses NODE_ENV=production: use Inngest Cloud or a self-hosted Inngest server.");
  }
  const log = opts.log ?? ((message: string) => console.log(`[inngest] ${message}`));
  const store = await StateStore.open(opts.stateFile ?? DEFAULT_STATE_FILE, log);
  const executor = new Executor(store, {
    log,
    concurrency: opts.concurrency ?? 4,
    retryBackoff: opts.retryBackoff ?? { baseMs: 1_000, maxMs: 60_000 },
    maxSleepMs: opts.maxSleepMs ?? Number.MAX_SAFE_INTEGER,
    callTimeoutMs: opts.callTimeoutMs ?? 5 * 60_000,
    cron: opts.cron ?? true,
  });
  const server = createExecutorServer(executor);
  const port = await listen(server, opts.port ?? DEFAULT_EXECUTOR_PORT).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE" || !opts.fallbackToFreePort) throw error;
    log(`port ${opts.port ?? DEFAULT_EXECUTOR_PORT} is taken; using a free port`);
    return listen(server, 0);
  });
  const url = `http://127.0.0.1:${port}`;
  store.state.url = url;
  store.save();
  executor.start();
  const running = Object.values(store.state.runs).filter((r) => r.status === "running").length;
  log(`executor listening on ${url}, state in ${store.file}${running ? ` (resuming ${running} run(s))` : ""}`);

  return {
    url,
    executor,
    async close() {
      await executor.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

// Syncs the app once its server answers (`next dev` compiles the route on the first request).
export async function syncWhenReady(dev: InngestDevExecutor, appUrl: string, opts: { timeoutMs?: number; log?: (message: string) => void } = {}): Promise<boolean> {
  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  let lastError = "";
  while (Date.now() < deadline) {
    try {
      await dev.executor.sync(appUrl);
      return true;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
  opts.log?.(`could not sync ${appUrl} (${lastError}); once the app is up: npm run workflows -- sync`);
  return false;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
