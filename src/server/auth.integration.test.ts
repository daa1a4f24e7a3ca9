import type { Provider } from "next-auth/providers/index";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEMO_ACCOUNTS } from "../../prisma/seed-data";
import { getDb } from "~/server/db";
import { makeUser } from "~/test/factories";
import { encode } from "next-auth/jwt";
import { authSecret } from "~/env";
import { authOptions, authorizeDemoUser, getSession } from "./auth";

const demoEmail = DEMO_ACCOUNTS[0]!.email;

// next-auth keeps a Credentials provider's own settings (id, authorize) under `options`.
type CredentialsSettings = { id?: string; authorize: (credentials: unknown, req: unknown) => Promise<unknown> };
function demoProvider(): CredentialsSettings | undefined {
  const providers = authOptions().providers as Array<Provider & { options?: CredentialsSettings }>;
  return providers.find((p) => p.options?.id === "demo")?.options;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("demo sign-in", () => {
  it("signs in a demo account, whatever the case of its email", async () => {
    const user = await makeUser({ email: demoEmail });
    expect(await authorizeDemoUser(getDb(), { email: demoEmail })).toMatchObject({ id: user.id, email: demoEmail });
    expect(await authorizeDemoUser(getDb(), { email: demoEmail.toUpperCase() })).toMatchObject({ id: user.id });
  });

  it("refuses every other user, even one that exists, and malformed credentials", async () => {
    const someone = await makeUser({ email: "someone@customer.example" });
    expect(someone.id).toBeTruthy();
    expect(await authorizeDemoUser(getDb(), { email: "someone@customer.example" })).toBeNull();
    expect(await authorizeDemoUser(getDb(), { email: "not an email" })).toBeNull();
    expect(await authorizeDemoUser(getDb(), undefined)).toBeNull();
  });

  it("is a provider only on the embedded database or when ENABLE_DEMO_LOGIN is set, and uses the same check", async () => {
    vi.stubEnv("ENABLE_DEMO_LOGIN", undefined);
    vi.stubEnv("EMBEDDED_DATABASE", undefined);
    expect(demoProvider()).toBeUndefined();

    vi.stubEnv("ENABLE_DEMO_LOGIN", "1");
    expect(demoProvider()).toBeDefined();
    vi.stubEnv("ENABLE_DEMO_LOGIN", undefined);
    vi.stubEnv("EMBEDDED_DATABASE", "1");
    const provider = demoProvider()!;
    await makeUser({ email: "someone@customer.example" });
    expect(await provider.authorize({ email: "someone@customer.example" }, {})).toBeNull();
    const demo = await makeUser({ email: demoEmail });
    expect(await provider.authorize({ email: demoEmail }, {})).toMatchObject({ id: demo.id });
  });
});

describe("the session of a request (getSession)", () => {
  const request = (cookies: Record<string, string>) => ({ cookies }) as unknown as Parameters<typeof getSession>[0];
  const token = (claims: Record<string, unknown>, opts: { secret?: string; maxAge?: number } = {}) =>
    encode({ token: claims, secret: opts.secret ?? authSecret(), ...(opts.maxAge !== undefined && { maxAge: opts.maxAge }) });

  it("reads the user from next-auth's session cookie, under either cookie name and in chunks", async () => {
    const t = await token({ sub: "user_1", email: "a@b.example", name: "Ada" });
    const expected = { user: { id: "user_1", email: "a@b.example", name: "Ada", image: null } };
    expect(await getSession(request({ "next-auth.session-token": t }))).toMatchObject(expected);
    expect(await getSession(request({ "__Secure-next-auth.session-token": t }))).toMatchObject(expected);
    const half = Math.floor(t.length / 2);
    expect(await getSession(request({ "next-auth.session-token.0": t.slice(0, half), "next-auth.session-token.1": t.slice(half) }))).toMatchObject(expected);
    // Asked again (now from the decoded tokens it keeps), the same.
    expect(await getSession(request({ "next-auth.session-token": t }))).toMatchObject(expected);
  });

  it("is nobody for no cookie, a token under another secret, a tampered or an expired token", async () => {
    expect(await getSession(request({}))).toBeNull();
    expect(await getSession(request({ "next-auth.session-token": await token({ sub: "user_1" }, { secret: "another secret of enough length, 32+" }) }))).toBeNull();
    const t = await token({ sub: "user_1" });
    const tampered = `${t.slice(0, -6)}${t.slice(-6).split("").reverse().join("")}`;
    expect(await getSession(request({ "next-auth.session-token": tampered }))).toBeNull();
    expect(await getSession(request({ "next-auth.session-token": "not a token" }))).toBeNull();
    expect(await getSession(request({ "next-auth.session-token": await token({ sub: "user_1" }, { maxAge: -60 }) }))).toBeNull();
  });

  it("lets a kept token go when it expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const t = await token({ sub: "user_2" }, { maxAge: 60 });
      expect(await getSession(request({ "next-auth.session-token": t }))).toMatchObject({ user: { id: "user_2" } });
      vi.setSystemTime(Date.now() + 61_000);
      expect(await getSession(request({ "next-auth.session-token": t }))).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
