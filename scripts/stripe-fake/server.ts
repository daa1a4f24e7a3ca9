// HTTP front of the fake: /v1 is the Stripe API (auth, form parsing, idempotency, expansion),
// /_fake the test controls, everything else the hosted pages.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { FakeContext } from "./context";
import { FakeStripeError } from "./errors";
import { expandResponse } from "./expand";
import { fingerprint, parseForm, strList, type Params } from "./form";
import { readBody, sendJson } from "./http-util";
import { API_VERSION } from "./objects";
import { matchRoute, type ApiRoute } from "./router";
import { newId } from "./store";

export type PageHandler = (req: IncomingMessage, res: ServerResponse, url: URL, body: string) => Promise<boolean>;

const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

function apiKeyOf(req: IncomingMessage): string | null {
  const auth = req.headers.authorization ?? "";
  if (auth.startsWith("Bearer ")) return auth.slice(7).trim();
  if (auth.startsWith("Basic ")) return Buffer.from(auth.slice(6), "base64").toString("utf8").split(":")[0] ?? null;
  return null;
}

function authError(key: string | null): FakeStripeError | null {
  if (!key) {
    return new FakeStripeError(
      401,
      "invalid_request_error",
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (/^(sk|rk)_live_/.test(key)) {
    return new FakeStripeError(
      401,
      "invalid_request_error",
      "This is the Pack Market Stripe fake, a test-only server: it refuses live API keys. Use a key starting with sk_test_.",
      "api_key_live_refused",
    );
  }
  if (!/^(sk|rk)_test_/.test(key)) {
    return new FakeStripeError(401, "invalid_request_error", `Invalid API Key provided: ${key.slice(0, 8)}****`, "api_key_invalid");
  }
  return null;
}

type Answer = { status: number; body: string };

const errorAnswer = (error: FakeStripeError): Answer => ({ status: error.status, body: JSON.stringify(error.toBody(), null, 2) });

function runApi(
  ctx: FakeContext,
  routes: ApiRoute[],
  method: string,
  path: string,
  params: Params,
  requestId: string,
  idempotencyKey: string | null,
): Answer {
  try {
    const match = matchRoute(routes, method, path);
    if (!match) {
      throw new FakeStripeError(
        404,
        "invalid_request_error",
        `Unrecognized request URL (${method}: ${path}). The Pack Market Stripe fake does not implement this endpoint.`,
      );
    }
    const result = match.route.handler({
      ctx,
      params,
      ids: match.ids,
      request: { id: requestId, idempotency_key: idempotencyKey },
    });
    return { status: 200, body: JSON.stringify(expandResponse(ctx, result, strList(params, "expand")), null, 2) };
  } catch (error) {
    if (error instanceof FakeStripeError) return errorAnswer(error);
    ctx.log.warn(`internal error on ${method} ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return errorAnswer(new FakeStripeError(500, "api_error", "An internal error occurred in the Stripe fake."));
  }
}

// Stripe keeps the first answer of a POST for 24 h: a retry with the same key gets it back
// unchanged, a different request with the same key is an error. Validation failures are not kept.
const lastSweep = new WeakMap<object, number>();

function withIdempotency(
  ctx: FakeContext,
  key: string,
  method: string,
  path: string,
  params: Params,
  run: () => Answer,
): Answer & { replayed: boolean } {
  const { state } = ctx.store;
  const now = Date.now();
  // Expired keys are swept at most once a minute (a sweep per request made a month of 10,000
  // transfers quadratic); a key past its 24 hours is forgotten whether swept or not.
  if (now - (lastSweep.get(state) ?? 0) > 60_000) {
    lastSweep.set(state, now);
    for (const [k, rec] of Object.entries(state.idempotency)) {
      if (now - rec.createdAt > IDEMPOTENCY_TTL_MS) delete state.idempotency[k];
    }
  }
  const fp = fingerprint(params);
  const remembered = state.idempotency[key];
  const previous = remembered && now - remembered.createdAt <= IDEMPOTENCY_TTL_MS ? remembered : undefined;
  if (previous) {
    if (previous.method !== method || previous.path !== path || previous.fingerprint !== fp) {
      const error = new FakeStripeError(
        400,
        "idempotency_error",
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      );
      return { ...errorAnswer(error), replayed: false };
    }
    return { status: previous.status, body: previous.body, replayed: true };
  }
  const answer = run();
  if (answer.status < 300 || answer.status === 402 || answer.status >= 500) {
    state.idempotency[key] = { method, path, fingerprint: fp, status: answer.status, body: answer.body, createdAt: now };
    ctx.store.changed();
  }
  return { ...answer, replayed: false };
}

async function handleApi(
  ctx: FakeContext,
  routes: ApiRoute[],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: string,
) {
  const method = req.method ?? "GET";
  const requestId = newId("req", 14);
  const headers: Record<string, string> = { "request-id": requestId, "stripe-version": API_VERSION };
  const denied = authError(apiKeyOf(req));
  if (denied) {
    sendJson(res, denied.status, denied.toBody(), headers);
    return;
  }
  const params = method === "POST" ? { ...parseForm(url.search.slice(1)), ...parseForm(body) } : parseForm(url.search.slice(1));
  const rawKey = req.headers["idempotency-key"];
  const key = method === "POST" && typeof rawKey === "string" && rawKey !== "" ? rawKey : null;
  const run = () => runApi(ctx, routes, method, url.pathname, params, requestId, key);
  let answer: Answer & { replayed?: boolean };
  if (key && key.length > 255) {
    answer = errorAnswer(new FakeStripeError(400, "invalid_request_error", "Idempotency keys can be at most 255 characters long."));
  } else {
    answer = key ? withIdempotency(ctx, key, method, url.pathname, params, run) : run();
  }
  if (key) headers["idempotency-key"] = key;
  if (answer.replayed) headers["idempotent-replayed"] = "true";
  // A failure of the fake itself will not go away on retry; tell the SDK not to.
  if (answer.status >= 500) headers["stripe-should-retry"] = "false";
  ctx.log.info(`${method} ${url.pathname} ${answer.status}${answer.replayed ? " (replayed)" : ""}`);
  const { min, max } = ctx.apiLatencyMs;
  if (max > 0) await new Promise((resolve) => setTimeout(resolve, min + Math.random() * (max - min)));
  sendJson(res, answer.status, answer.body, headers);
}

export function createFakeServer(ctx: FakeContext, routes: ApiRoute[], handlers: PageHandler[]): Server {
  return createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? "/", "http://localhost");
        const body = await readBody(req);
        if (url.pathname.startsWith("/v1/")) return await handleApi(ctx, routes, req, res, url, body);
        for (const handler of handlers) if (await handler(req, res, url, body)) return;
        sendJson(res, 404, { error: { type: "invalid_request_error", message: `Not found: ${req.method} ${url.pathname}` } });
      } catch (error) {
        ctx.log.warn(`error serving ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) sendJson(res, 500, { error: { type: "api_error", message: "The Stripe fake failed to answer." } });
        else res.end();
      }
    })();
  });
}
