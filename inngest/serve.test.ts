// The real /api/inngest handler outside the SDK's dev mode, as in production: every call must be
// signed with INNGEST_SIGNING_KEY.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startApiServer, type ApiRoute } from "~/test/next-api";

const SIGNING_KEY = "signkey-prod-0123456789abcdef0123456789abcdef";
let app: Awaited<ReturnType<typeof startApiServer>>;

beforeAll(async () => {
  vi.stubEnv("INNGEST_DEV", undefined);
  vi.stubEnv("INNGEST_BASE_URL", undefined);
  vi.stubEnv("INNGEST_SIGNING_KEY", SIGNING_KEY);
  vi.stubEnv("INNGEST_EVENT_KEY", "test-event-key");
  const routes: ApiRoute[] = [];
  app = await startApiServer(routes);
  routes.push({ prefix: "/api/inngest", handler: (await import("~/pages/api/inngest")).default, bodyParser: true });
});

afterAll(async () => {
  await app.close();
  vi.unstubAllEnvs();
});

function sign(body: string, key: string) {
  const ts = Math.round(Date.now() / 1000).toString();
  const s = createHmac("sha256", key.replace(/^signkey-\w+-/, "")).update(body + ts).digest("hex");
  return `t=${ts}&s=${s}`;
}

const call = (headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/inngest?fnId=pack-market-heartbeat-cleanup&stepId=step&probe=trust`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: '{"ping":1}',
  });

describe("the Inngest endpoint in production mode", () => {
  it("refuses calls without a signature or with a wrong one", async () => {
    expect((await call()).status).toBe(401);
    expect((await call({ "x-inngest-signature": sign('{"ping":1}', "signkey-prod-ffff") })).status).toBe(401);
  });

  it("accepts a call signed with the signing key", async () => {
    expect((await call({ "x-inngest-signature": sign('{"ping":1}', SIGNING_KEY) })).status).toBe(200);
  });

  it("tells an unsigned GET nothing", async () => {
    const res = await fetch(`${app.url}/api/inngest`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "Unauthorized" });
  });
});
