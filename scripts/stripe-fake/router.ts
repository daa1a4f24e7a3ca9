// The shape of a /v1 endpoint: handlers are synchronous, so each request changes the state
// atomically and idempotency needs no locking.
import type { FakeContext } from "./context";
import type { EventRequest } from "./events";
import type { Params } from "./form";

export type ApiCall = { ctx: FakeContext; params: Params; ids: string[]; request: EventRequest };
export type ApiRoute = { method: string; pattern: RegExp; handler: (call: ApiCall) => unknown };

export function route(method: "GET" | "POST" | "DELETE", path: string, handler: (call: ApiCall) => unknown): ApiRoute {
  const pattern = new RegExp(`^${path.replace(/:[a-z]+/g, "([^/]+)")}$`);
  return { method, pattern, handler };
}

export function matchRoute(routes: ApiRoute[], method: string, path: string): { route: ApiRoute; ids: string[] } | null {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (m) return { route: r, ids: m.slice(1).map((s) => decodeURIComponent(s)) };
  }
  return null;
}

// Whether a path exists under another method, to answer 405-style errors like Stripe's.
export const pathKnown = (routes: ApiRoute[], path: string) => routes.some((r) => r.pattern.test(path));
