// Input from outside that used to produce a 500, HTML or a wrong status: each class once, through
// HTTP, as a client sends it. The fuzz test (api-fuzz.integration.test.ts) walks every operation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePack, makeUserInOrg } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { startTrpcServer } from "~/test/trpc";

let rest: Awaited<ReturnType<typeof startRestServer>>;
let trpc: Awaited<ReturnType<typeof startTrpcServer>>;
let world: TestStripe;
beforeAll(async () => {
  world = await startTestStripe();
  rest = await startRestServer();
  trpc = await startTrpcServer();
});
afterAll(async () => {
  await rest?.close();
  await trpc?.close();
  await world?.stop();
});

type Answer = { status: number; contentType: string | null; body: unknown };

async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text: the assertions below say it should have been JSON
  }
  return { status: res.status, contentType: res.headers.get("content-type"), body };
}

const restError = (answer: Answer) => (answer.body as { error: { code: string; message: string; issues?: Array<{ path: string }> } }).error;
const trpcError = (answer: Answer) =>
  (answer.body as { error: { json: { data: { code: string; httpStatus: number; issues?: Array<{ path: string }> } } } }).error.json.data;
const deep = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const loneSurrogate = "\ud800";

describe("REST: bad input is 400 invalid_request naming the field, never a 500", () => {
  it("refuses a NUL byte in a query parameter", async () => {
    const answer = await send(`${rest.url}/v1/packs?search=a%00b`);
    expect(answer.status).toBe(400);
    expect(restError(answer)).toMatchObject({ code: "invalid_request", issues: [{ path: "search" }] });
    expect(restError(answer).message).toContain("search");
  });

  it("refuses a NUL byte in a path parameter and in a JSON body", async () => {
    const { user } = await makeUserInOrg();
    const cookie = await sessionCookie(user);
    const inPath = await send(`${rest.url}/v1/packs/a%00b`);
    expect(inPath.status).toBe(400);
    expect(restError(inPath)).toMatchObject({ code: "invalid_request", issues: [{ path: "slug" }] });
    const inBody = await send(`${rest.url}/v1/marketplace/billing-portal`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ returnPath: "/a\u0000b" }),
    });
    expect(inBody.status).toBe(400);
    expect(restError(inBody)).toMatchObject({ code: "invalid_request", issues: [{ path: "returnPath" }] });
  });

  it("refuses a body nested deeper than the limit before parsing it", async () => {
    const { user } = await makeUserInOrg();
    const cookie = await sessionCookie(user);
    const answer = await send(`${rest.url}/v1/marketplace/packs/x/checkout-session`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: `{"tier":${deep(5000)}}`,
    });
    expect(answer.status).toBe(400);
    expect(restError(answer).code).toBe("invalid_request");
    expect(restError(answer).message).toMatch(/nested/i);
  });

  it("refuses a body over 1 MB, on REST and on tRPC", async () => {
    const { user } = await makeUserInOrg();
    const cookie = await sessionCookie(user);
    const body = JSON.stringify({ json: { returnPath: `/${"x".repeat(1_100_000)}` } });
    for (const url of [`${rest.url}/v1/marketplace/billing-portal`, `${trpc.url}/api/trpc/subscription.billingPortal`]) {
      const answer = await send(url, { method: "POST", headers: { cookie, "content-type": "application/json" }, body });
      expect(answer.status, url).toBe(400);
      expect(answer.contentType, url).toMatch(/^application\/json/);
      expect(JSON.stringify(answer.body), url).toContain("\"code\":\"invalid_request\"");
    }
  });

  it("accepts JSON sent with a charset", async () => {
    const { user } = await makeUserInOrg();
    const pack = await makePack();
    const answer = await send(`${rest.url}/v1/marketplace/packs/${pack.id}/checkout-session`, {
      method: "POST",
      headers: { cookie: await sessionCookie(user), "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ tier: "pro" }),
    });
    expect(answer.status).toBe(200);
  });
});

describe("REST paths", () => {
  it("percent-decodes path parameters", async () => {
    const spaced = await send(`${rest.url}/v1/packs/a%20b`);
    expect(spaced).toMatchObject({ status: 404, body: { error: { code: "not_found", message: 'No pack with slug "a b".' } } });
    const slashed = await send(`${rest.url}/v1/packs/a%2Fb%3Fc%23d`);
    expect(slashed).toMatchObject({ status: 404, body: { error: { code: "not_found", message: 'No pack with slug "a/b?c#d".' } } });
    const pack = await makePack({ slug: "café-trips" });
    const found = await send(`${rest.url}/v1/packs/${encodeURIComponent(pack.slug)}`);
    expect(found.status).toBe(200);
  });

  it("answers malformed percent-encoding with 400 invalid_request", async () => {
    for (const path of ["/v1/packs/%ZZ", "/v1/packs/%E0%A4%A", "/v1/packs/%ED%A0%80", "/v1/%"]) {
      const answer = await send(`${rest.url}${path}`);
      expect(answer.status, path).toBe(400);
      expect(restError(answer).code, path).toBe("invalid_request");
    }
  });

  it("answers the bare prefix and unknown paths with JSON not_found", async () => {
    for (const path of ["/v1", "/v1/", "/v1/nothing", "/v1/packs/a/b/c"]) {
      const answer = await send(`${rest.url}${path}`);
      expect(answer.status, path).toBe(404);
      expect(restError(answer).code, path).toBe("not_found");
    }
  });

  it("answers a wrong method on a known path with 405 method_not_allowed and Allow", async () => {
    const res = await fetch(`${rest.url}/v1/packs`, { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
  });
});

describe("tRPC: bad input is a JSON error whose status matches its code", () => {
  const query = (path: string, input: unknown) => send(`${trpc.url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);

  it("refuses NUL bytes and lone surrogates in input, naming the field", async () => {
    for (const text of ["a\u0000b", `a${loneSurrogate}b`]) {
      const answer = await query("pack.list", { json: { search: text } });
      expect(answer.status).toBe(400);
      expect(trpcError(answer)).toMatchObject({ code: "invalid_request", httpStatus: 400, issues: [{ path: "search" }] });
    }
    const nested = await query("pack.bySlug", { json: { slug: "ok", extra: [{ deeper: "\u0000" }] } });
    expect(nested.status).toBe(400);
    expect(trpcError(nested)).toMatchObject({ code: "invalid_request", issues: [{ path: "extra.0.deeper" }] });
  });

  it("refuses deeply nested input in the query string and in the body", async () => {
    const inQuery = await send(`${trpc.url}/api/trpc/pack.list?input=${encodeURIComponent(`{"json":{"search":${deep(40)}}}`)}`);
    expect(inQuery.status).toBe(400);
    expect(trpcError(inQuery).code).toBe("invalid_request");
    const { user } = await makeUserInOrg();
    const inBody = await send(`${trpc.url}/api/trpc/subscription.createCheckout`, {
      method: "POST",
      headers: { cookie: await sessionCookie(user), "content-type": "application/json" },
      body: `{"json":{"packId":${deep(5000)}}}`,
    });
    expect(inBody.status).toBe(400);
    expect(trpcError(inBody)).toMatchObject({ code: "invalid_request", httpStatus: 400 });
  });

  it("answers malformed JSON and plain text posted to a mutation with 400 JSON", async () => {
    const { user } = await makeUserInOrg();
    const cookie = await sessionCookie(user);
    for (const [contentType, body] of [
      ["application/json", "{not json"],
      ["text/plain", "hello"],
      ["text/plain", JSON.stringify({ json: { packId: "x", tier: "pro" } })],
    ] as const) {
      const answer = await send(`${trpc.url}/api/trpc/subscription.createCheckout`, {
        method: "POST",
        headers: { cookie, "content-type": contentType },
        body,
      });
      expect(answer.status, body).toBe(400);
      expect(answer.contentType, body).toMatch(/^application\/json/);
      expect(trpcError(answer), body).toMatchObject({ code: "invalid_request", httpStatus: 400 });
    }
  });

  it("answers a query called with POST with 405 method_not_allowed", async () => {
    const answer = await send(`${trpc.url}/api/trpc/pack.list`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(answer.status).toBe(405);
    expect(trpcError(answer)).toMatchObject({ code: "method_not_allowed", httpStatus: 405 });
  });
});

describe("Stripe webhook", () => {
  it("answers a wrong method with 405 method_not_allowed", async () => {
    const res = await fetch(world.webhookUrl);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(await res.json()).toEqual({ error: { code: "method_not_allowed", message: "Use POST." } });
  });
});
