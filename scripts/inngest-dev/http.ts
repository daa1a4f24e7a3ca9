// The executor's HTTP face, on 127.0.0.1 only. Two audiences:
//  - the SDK, as it would talk to an Inngest server: POST /fn/register (sync), POST /e/:key (events);
//  - developers (npm run workflows): /dev/functions, /dev/runs, triggering and waking, re-syncing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Executor } from "./executor";
import type { RunRecord } from "./types";

const MAX_BODY_BYTES = 32 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createExecutorServer(executor: Executor): Server {
  return createServer((req, res) => {
    route(executor, req)
      .then(({ status, body }) => send(res, status, body))
      .catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        const message = error instanceof Error ? error.message : String(error);
        // The SDK reads `error` (register, events); people read `message`.
        send(res, status, { status, error: message, message });
      });
  });
}

async function route(executor: Executor, req: IncomingMessage): Promise<{ status: number; body: unknown }> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = req.method ?? "GET";
  const path = url.pathname.replace(/\/+$/, "") || "/";
  let m: RegExpExecArray | null;

  if (method === "POST" && path === "/fn/register") {
    try {
      return { status: 200, body: { ok: true, ...executor.register((await readJson(req)) as Record<string, unknown>) } };
    } catch (error) {
      throw error instanceof HttpError ? error : new HttpError(400, (error as Error).message);
    }
  }
  if (method === "POST" && /^\/e\/[^/]+$/.test(path)) {
    try {
      return { status: 200, body: { ids: executor.receiveEvents(await readJson(req)), status: 200 } };
    } catch (error) {
      throw error instanceof HttpError ? error : new HttpError(400, (error as Error).message);
    }
  }
  if (method === "GET" && path === "/") {
    const runs = Object.values(executor.state.runs);
    return {
      status: 200,
      body: {
        name: "Pack Market local Inngest executor (dev only)",
        apps: Object.values(executor.state.apps).map((a) => ({ id: a.id, url: a.url, functions: a.functions.length, syncedAt: a.syncedAt })),
        runs: { running: runs.filter((r) => r.status === "running").length, total: runs.length },
      },
    };
  }
  if (method === "GET" && path === "/dev/functions") return { status: 200, body: executor.listFunctions() };
  if (method === "POST" && (m = /^\/dev\/functions\/([^/]+)\/trigger$/.exec(path))) {
    const body = (await readJson(req, {})) as { data?: Record<string, unknown> };
    const fnRef = decodeURIComponent(m[1]!);
    if (!executor.findFunction(fnRef)) throw new HttpError(404, `no synced function "${fnRef}"`);
    const run = executor.trigger(fnRef, body.data ?? {});
    return { status: 202, body: { runId: run.id, functionId: run.functionId } };
  }
  if (method === "GET" && path === "/dev/runs") {
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 20) || 20, 500);
    const fn = url.searchParams.get("function");
    const runs = Object.values(executor.state.runs)
      .filter((r) => !fn || r.functionId === fn || r.functionId.endsWith(`-${fn}`))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit)
      .map(summary);
    return { status: 200, body: runs };
  }
  if (method === "GET" && (m = /^\/dev\/runs\/([^/]+)$/.exec(path))) {
    const run = executor.state.runs[m[1]!];
    if (!run) throw new HttpError(404, `no run ${m[1]}`);
    if (url.searchParams.get("wait") === "1") await Promise.race([executor.waitForRun(run.id), delay(Number(url.searchParams.get("timeout") ?? 30_000))]);
    return { status: 200, body: run };
  }
  if (method === "POST" && (m = /^\/dev\/runs\/([^/]+)\/wake$/.exec(path))) {
    if (!executor.state.runs[m[1]!]) throw new HttpError(404, `no run ${m[1]}`);
    executor.driver.wake(m[1]!);
    return { status: 202, body: { ok: true } };
  }
  if (method === "POST" && path === "/dev/sync") {
    const results = await Promise.all(
      Object.values(executor.state.apps).map((app) =>
        executor.sync(app.url).then(
          (r) => ({ app: app.id, url: app.url, ok: true, ...r }),
          (e: Error) => ({ app: app.id, url: app.url, ok: false, message: e.message }),
        ),
      ),
    );
    return { status: 200, body: results };
  }
  throw new HttpError(404, `no route ${method} ${path}`);
}

// A run without its memoised data (which can be large): what listings show.
function summary(run: RunRecord) {
  const { memo: _memo, stack: _stack, pending, ...rest } = run;
  return { ...rest, pending: pending.map((p) => ({ kind: p.kind, stepId: p.stepId, dueAt: new Date(p.dueAt).toISOString() })) };
}

async function readJson(req: IncomingMessage, empty?: unknown): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "request body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) {
    if (empty !== undefined) return empty;
    throw new HttpError(400, "a JSON body is required");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "the body is not valid JSON");
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
