// Calls the REST handler the way Next's API route does (req.query with the catch-all segments,
// req.cookies), over a real HTTP socket, so tests see exactly what a program would.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { NextApiRequest, NextApiResponse } from "next";
import { encode } from "next-auth/jwt";
import { authSecret } from "~/env";
import { restHandler } from "~/server/rest/handler";

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k) out[k] = decodeURIComponent(v.join("="));
  }
  return out;
}

function asNextRequest(req: IncomingMessage): NextApiRequest {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const query: Record<string, string | string[]> = {};
  url.searchParams.forEach((value, key) => {
    const existing = query[key];
    query[key] = existing === undefined ? value : ([] as string[]).concat(existing, value);
  });
  query.trpc = url.pathname.replace(/^\/v1\//, "").split("/").filter(Boolean);
  return Object.assign(req, { query, cookies: parseCookies(req.headers.cookie) }) as NextApiRequest;
}

export async function startRestServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void restHandler(asNextRequest(req), res as NextApiResponse);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function sessionCookie(user: { id: string; email: string }): Promise<string> {
  const token = await encode({ token: { sub: user.id, email: user.email }, secret: authSecret() });
  return `next-auth.session-token=${token}`;
}
