// Serves Next API route handlers over a real HTTP socket, the way Next calls them (req.query,
// req.cookies, req.body when Next's body parser is on, res.status().json()/send()), so tests see
// exactly what a client, Stripe or Inngest would. Routes are looked up per request: a test may
// push one after the server starts (when a handler must be imported once the URL is known).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { NextApiRequest, NextApiResponse } from "next";

// `never` parameters accept any route handler's own request types (Inngest's serve() declares
// a union of App and Pages router requests); each is called with Next's pages-router objects.
type Handler = (req: never, res: never) => unknown;
// A route: its path (a prefix when catchAll names the query key of the rest of the path), the
// handler, and whether Next's default JSON body parser runs before it (routes that verify a
// signature over the raw body turn it off).
// A dynamic route (pages/api/v1/packs/[slug]/rows.ts) gives a pattern instead, matched on the raw
// path; like Next, the first route that matches wins, so list it before a catch-all.
export type ApiRoute = { prefix: string; handler: Handler; catchAll?: string; bodyParser?: boolean; pattern?: RegExp };

function matches(route: ApiRoute, pathname: string): boolean {
  if (route.pattern) return route.pattern.test(pathname);
  return route.catchAll ? pathname.startsWith(route.prefix) : pathname === route.prefix;
}

class InvalidJsonError extends Error {}

async function parseBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return undefined;
  if (!(req.headers["content-type"] ?? "").includes("json")) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidJsonError();
  }
}

// As the `cookie` package Next uses parses them: the first of a repeated name wins, and a value
// that is not valid percent-encoding is kept as sent.
function decodeCookieValue(value: string): string {
  const unquoted = value.startsWith('"') ? value.slice(1, -1) : value;
  try {
    return decodeURIComponent(unquoted);
  } catch {
    return unquoted;
  }
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(/; */)) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in out)) out[name] = decodeCookieValue(part.slice(eq + 1).trim());
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
  next.send = (body: unknown) => {
    res.end(typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  };
  return next;
}

export async function startApiServer(routes: ApiRoute[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const route = routes.find((r) => matches(r, pathname));
    if (!route) {
      res.statusCode = 404;
      return res.end();
    }
    const run = async () => {
      const nextReq = asNextRequest(req, route);
      if (route.bodyParser) Object.assign(nextReq, { body: await parseBody(req) });
      await (route.handler as (req: NextApiRequest, res: NextApiResponse) => unknown)(nextReq, asNextResponse(res));
    };
    run().catch((error: unknown) => {
      // Next's body parser answers malformed JSON itself, in plain text, before the route runs.
      if (error instanceof InvalidJsonError) {
        res.statusCode = 400;
        return res.end("Invalid JSON");
      }
      console.error(error);
      res.statusCode = 500;
      res.end();
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
