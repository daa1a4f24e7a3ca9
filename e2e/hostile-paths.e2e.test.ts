// What only a real Next server shows: paths Next itself refuses or routes (malformed percent-encoding,
// unknown paths, the /v1 rewrite, its body parser), answered in JSON under the API and with the 404
// page elsewhere, never a 500 or Next's own HTML error page. Plain fetch, no browser.
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");

type Answer = { status: number; contentType: string; text: string };

async function get(path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${baseUrl}${path}`, { redirect: "manual", ...init });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text: await res.text() };
}

function errorCode(answer: Answer): string | undefined {
  expect(answer.contentType).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as { error?: { code?: string; json?: { data?: { code?: string } } } };
  return body.error?.json?.data?.code ?? body.error?.code;
}

const MALFORMED = ["%ZZ", "%E0%A4%A", "%ED%A0%80", "%"];

describe("the API under a real Next server", () => {
  it("answers malformed percent-encoding in the path with JSON invalid_request", async () => {
    for (const bad of MALFORMED) {
      for (const path of [`/v1/packs/${bad}`, `/v1/${bad}/x`, `/api/v1/packs/${bad}`, `/api/trpc/${bad}`]) {
        const answer = await get(path);
        expect(answer.status, path).toBe(400);
        expect(errorCode(answer), path).toBe("invalid_request");
      }
    }
  });

  it("answers unknown paths, /v1 itself and a wrong method in JSON", async () => {
    for (const path of ["/v1", "/v1/nothing/here", "/api/v1", "/api/v1/nothing", "/api/nothing", "/api/trpc", "/api/trpc/a/b"]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(errorCode(answer), path).toBe("not_found");
    }
    const wrongMethod = await get("/v1/packs", { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect(errorCode(wrongMethod)).toBe("method_not_allowed");
    const webhook = await get("/api/webhooks/stripe");
    expect(webhook.status).toBe(405);
    expect(errorCode(webhook)).toBe("method_not_allowed");
  });

  it("percent-decodes path parameters through the /v1 rewrite", async () => {
    const packs = JSON.parse((await get("/v1/packs")).text) as { packs: Array<{ slug: string }> };
    const slug = packs.packs[0]!.slug;
    expect((await get(`/v1/packs/${encodeURIComponent(slug)}`)).status).toBe(200);
    expect((await get(`/v1/packs/${slug.replace(/-/g, "%2D")}`)).status).toBe(200);
    const spaced = await get("/v1/packs/a%20b%2Fc");
    expect(spaced.status).toBe(404);
    expect(JSON.parse(spaced.text)).toEqual({ error: { code: "not_found", message: 'No pack with slug "a b/c".' } });
  });

  it("reads bodies itself: malformed, non-JSON, deeply nested and oversized bodies are JSON 400s", async () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    for (const [path, contentType, body] of [
      ["/api/trpc/subscription.createCheckout", "application/json", "{not json"],
      ["/api/trpc/subscription.createCheckout", "text/plain", "hello"],
      ["/api/trpc/subscription.createCheckout", "application/json", `{"json":${deep}}`],
      ["/v1/marketplace/packs/x/checkout-session", "application/json", "{not json"],
      ["/v1/marketplace/packs/x/checkout-session", "application/json", `{"tier":${deep}}`],
      ["/v1/marketplace/packs/x/checkout-session", "application/json", `{"tier":"${"x".repeat(1_100_000)}"}`],
      ["/api/trpc/subscription.createCheckout", "application/json", `{"json":"${"x".repeat(1_100_000)}"}`],
    ] as const) {
      const answer = await get(path, { method: "POST", headers: { "content-type": contentType }, body });
      expect(answer.status, `${path} ${body.slice(0, 20)}`).toBe(400);
      expect(errorCode(answer), path).toBe("invalid_request");
    }
  });
});

describe("a pack page with a hostile slug", () => {
  it("is the 404 page, never a 500", async () => {
    const slugs = ["a%00b", "%ED%A0%80", "x".repeat(10_000), ...MALFORMED.filter((m) => m !== "%ED%A0%80"), "%F0%9F%9A%B2", "a%2Fb"];
    for (const slug of slugs) {
      const answer = await get(`/marketplace/packs/${slug}`);
      expect(answer.status, slug.slice(0, 30)).toBe(404);
      expect(answer.contentType).toMatch(/^text\/html/);
      expect(answer.text).toContain("find that page");
    }
  });
});
