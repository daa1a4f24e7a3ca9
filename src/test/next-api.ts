// Serves Next API route handlers over a real HTTP socket, the way Next calls them (req.query,
// req.cookies, res.status().json()), so tests see exactly what a client or Stripe would.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { NextApiRequest, NextApiResponse } from "next";

type Handler = (req: NextApiRequest, res: NextApiResponse) => unknown;
// A route: a path prefix, the handler, and (for catch-all routes) the query key of the rest of the path.
export type ApiRoute = { prefix: string; handler: Handler; catchAll?: string };

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k) out[k] = decodeURIComponent(v.join("="));
  }
  return out;
}

function asNextRequest(req: IncomingMessage, route: ApiRoute): NextApiRequest {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const query: Record<string, string | string[]> = {};
  url.searchParams.forEach((value, key) => {
    const existing = query[key];
    query[key] = existing === undefined ? value : ([] as string[]).concat(existing, value);
  });
  if (route.catchAll) query[route.catchAll] = url.pathname.slice(route.prefix.length).split("/").filter(Boolean);
  return Object.assign(req, { query, cookies: parseCookies(req.headers.cookie) }) as NextApiRequest;
}

function asNextResponse(res: ServerResponse): NextApiResponse {
  const next = res as NextApiResponse;
  next.status = (code: number) => {
    res.statusCode = code;
    return next;
  };
  next.json = (body: unknown) => {
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(body));
  };
  return next;
}

export async function startApiServer(routes: ApiRoute[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const route = routes.find((r) => (req.url ?? "").startsWith(r.prefix));
    if (!route) {
      res.statusCode = 404;
      return res.end();
    }
    Promise.resolve(route.handler(asNextRequest(req, route), asNextResponse(res))).catch((error: unknown) => {
      console.error(error);
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
