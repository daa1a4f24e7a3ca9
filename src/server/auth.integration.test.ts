import type { Provider } from "next-auth/providers/index";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEMO_ACCOUNTS } from "../../prisma/seed-data";
import { getDb } from "~/server/db";
import { makeUser } from "~/test/factories";
import { authOptions, authorizeDemoUser } from "./auth";

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
