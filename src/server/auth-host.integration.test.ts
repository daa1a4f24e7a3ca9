// In dev (npm run dev sets AUTH_TRUST_HOST and no NEXTAUTH_URL), signing in works on whatever host
// the browser opened: next-auth answers with URLs of that host, so the browser keeps the session
// cookie it was just given instead of being sent to another host and back to sign-in.
import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../prisma/seed-data";
import authRoute from "~/pages/api/auth/[...nextauth]";
import { getDb } from "~/server/db";
import { startApiServer } from "~/test/next-api";

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function call(url: string, host: string, opts: { method?: string; body?: unknown; cookie?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = request(
      url,
      {
        method: opts.method ?? "GET",
        // As Next's server adds it to every request it passes on (base-server.js).
        headers: { host, "x-forwarded-proto": "http", ...(body && { "content-type": "application/json" }), ...(opts.cookie && { cookie: opts.cookie }) },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const cookiesOf = (answer: Answer) => ((answer.headers["set-cookie"] as string[] | undefined) ?? []).map((c) => c.split(";")[0]!);

const saved = { ...process.env };
let server: Awaited<ReturnType<typeof startApiServer>>;
beforeAll(async () => {
  delete process.env.NEXTAUTH_URL;
  process.env.AUTH_TRUST_HOST = "1";
  process.env.ENABLE_DEMO_LOGIN = "1";
  server = await startApiServer([{ prefix: "/api/auth/", handler: authRoute, catchAll: "nextauth", bodyParser: true }]);
});
afterAll(async () => {
  process.env = { ...saved };
  await server?.close();
});

// The demo account exists (tables are emptied before each test).
beforeEach(async () => {
  await getDb().user.create({ data: { email: DEMO_ACCOUNTS[0]!.email, name: "Demo" } });
});

async function demoSignIn(host: string) {
  const csrf = await call(`${server.url}/api/auth/csrf`, host);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  return call(`${server.url}/api/auth/callback/demo`, host, {
    method: "POST",
    cookie: cookiesOf(csrf).join("; "),
    body: { csrfToken, email: DEMO_ACCOUNTS[0]!.email, callbackUrl: "/marketplace/packs/ev-charging-sessions#pricing", json: "true" },
  });
}

describe("sign-in on the host the browser opened (dev)", () => {
  it.each(["127.0.0.1:3000", "localhost:3000"])("on %s: the session cookie is set and the answer stays on that host", async (host) => {
    const answer = await demoSignIn(host);
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { url: string }).url).toBe(`http://${host}/marketplace/packs/ev-charging-sessions#pricing`);
    expect(cookiesOf(answer).some((c) => c.startsWith("next-auth.session-token="))).toBe(true);
  });

  it("sends a callback URL on another origin back to this one (no open redirect)", async () => {
    const csrf = await call(`${server.url}/api/auth/csrf`, "127.0.0.1:3000");
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const answer = await call(`${server.url}/api/auth/callback/demo`, "127.0.0.1:3000", {
      method: "POST",
      cookie: cookiesOf(csrf).join("; "),
      body: { csrfToken, email: DEMO_ACCOUNTS[0]!.email, callbackUrl: "https://evil.example/steal", json: "true" },
    });
    expect((JSON.parse(answer.body) as { url: string }).url).toBe("http://127.0.0.1:3000");
  });
});
