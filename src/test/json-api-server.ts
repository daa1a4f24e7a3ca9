// Mounts pages-router API handlers that rely on Next's default body parser (e.g. the Inngest
// endpoint, src/pages/api/inngest.ts) in a node http server on 127.0.0.1: req.query, req.body
// parsed from JSON, res.status/send/json. Routes are looked up per request, so they may be added
// after the server starts (when a handler must be imported once the server's URL is known).
// (next-api.ts serves handlers that read the raw body themselves, such as webhooks.)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type ApiHandler = (req: never, res: never) => unknown;

export type JsonApiServer = { url: string; close: () => Promise<void> };

export async function startJsonApiServer(routes: Record<string, ApiHandler>): Promise<JsonApiServer> {
  const server: Server = createServer((req, res) => {
    void handle(routes, req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(routes: Record<string, ApiHandler>, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const handler = routes[url.pathname];
  if (!handler) {
    res.statusCode = 404;
    res.end("not found");
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  let body: unknown = text;
  if (text && (req.headers["content-type"] ?? "").includes("json")) body = JSON.parse(text);
  const query = Object.fromEntries(url.searchParams);
  const response = Object.assign(res, {
    status(code: number) {
      res.statusCode = code;
      return response;
    },
    send(data: unknown) {
      res.end(typeof data === "string" || Buffer.isBuffer(data) ? data : JSON.stringify(data));
      return response;
    },
    json(data: unknown) {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(data));
      return response;
    },
  });
  await handler(Object.assign(req, { query, body: text ? body : undefined }) as never, response as never);
}
