// Who may call what, through both doors: tRPC over HTTP (as the pages call it) and REST (/v1). One
// row per procedure, one expected outcome per kind of caller. A procedure the table does not list
// fails the first test, so every new procedure gets its authorization decided here.
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIVE_ORG_HEADER } from "~/lib/active-org";
import { getDb } from "~/server/db";
import { ERROR_CODES, type ErrorCode } from "~/server/errors";
import { openApiDocument } from "~/server/rest/openapi";
import { appRouter, type AppRouter } from "~/server/routers/_app";
import { addMember, callerFor, makeOrg, makePack, makeUser, makeUserInOrg, sessionFor, uid } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";
import { subscribe } from "~/test/snapshots";
import { insertStatement } from "~/test/statements";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { startTrpcServer } from "~/test/trpc";

// "operator": a platform operator (User.platformOperator) who belongs to another org, not this one.
const CALLERS = ["anonymous", "outsider", "member", "admin", "owner", "operator"] as const;
type Caller = (typeof CALLERS)[number];
// "allowed": authorization let the call through (inputs are chosen so that it then succeeds).
type Outcome = "allowed" | "unauthorized" | "forbidden" | "not_found";
type Outcomes = Record<Caller, Outcome>;

// Every signed-in caller names the target org (header x-pm-org); the outsider belongs to another org.
type World = {
  orgId: string;
  users: Record<Exclude<Caller, "anonymous">, { id: string; email: string }>;
  pack: { id: string; slug: string };
  checkoutSessionId: string;
  apiKeyId: string;
  // A pack the org subscribes to (what needs a readable pack: snapshots).
  subscribedPackId: string;
  // A day of a month the org has a statement for.
  statementMonth: string;
  // One of the org's products (selling: products, opt-in).
  productId: string;
};

const PUBLIC: Outcomes = { anonymous: "allowed", outsider: "allowed", member: "allowed", admin: "allowed", owner: "allowed", operator: "allowed" };
// Acts for the user, whatever org the request names.
const SIGNED_IN: Outcomes = { anonymous: "unauthorized", outsider: "allowed", member: "allowed", admin: "allowed", owner: "allowed", operator: "allowed" };
// A platform operator is no member of the org: its data is not_found to them too.
const ORG_READ: Outcomes = { anonymous: "unauthorized", outsider: "not_found", member: "allowed", admin: "allowed", owner: "allowed", operator: "not_found" };
const ORG_MANAGE: Outcomes = { anonymous: "unauthorized", outsider: "not_found", member: "forbidden", admin: "allowed", owner: "allowed", operator: "not_found" };
// Platform operators only: every org role is forbidden.
const OPERATOR: Outcomes = { anonymous: "unauthorized", outsider: "forbidden", member: "forbidden", admin: "forbidden", owner: "forbidden", operator: "allowed" };

// `input` is called once per caller, so a call that must differ each time (a new product's name) can.
type Row = { input: (world: World) => unknown; outcomes: Outcomes };

const TABLE: Record<string, Row> = {
  "pack.list": { input: () => ({}), outcomes: PUBLIC },
  "pack.bySlug": { input: (w) => ({ slug: w.pack.slug }), outcomes: PUBLIC },
  "org.mine": { input: () => undefined, outcomes: SIGNED_IN },
  "org.active": { input: () => undefined, outcomes: ORG_READ },
  "org.overview": { input: () => undefined, outcomes: ORG_READ },
  "subscription.myPacks": { input: () => undefined, outcomes: ORG_READ },
  "subscription.checkoutStatus": { input: (w) => ({ sessionId: w.checkoutSessionId }), outcomes: ORG_READ },
  "subscription.createCheckout": { input: (w) => ({ packId: w.pack.id, tier: "standard" }), outcomes: ORG_MANAGE },
  "subscription.billingPortal": { input: () => ({ returnPath: "/app/marketplace/my-packs" }), outcomes: ORG_MANAGE },
  "subscription.subscribedPackIds": { input: () => undefined, outcomes: ORG_READ },
  "subscription.forPack": { input: (w) => ({ packId: w.subscribedPackId }), outcomes: ORG_READ },
  // The tier the subscription already has: allowed is "unchanged", so the admin and the owner both
  // succeed without a Stripe round trip (the tier change itself: tier-change.integration.test.ts).
  "subscription.changeTier": { input: (w) => ({ packId: w.subscribedPackId, tier: "standard" }), outcomes: ORG_MANAGE },
  "usage.get": { input: () => ({}), outcomes: ORG_READ },
  "apiKey.list": { input: () => undefined, outcomes: ORG_READ },
  "apiKey.create": { input: () => ({ label: "Nightly export" }), outcomes: ORG_MANAGE },
  // Revoking twice is fine, so the admin and then the owner both succeed on the same key.
  "apiKey.revoke": { input: (w) => ({ keyId: w.apiKeyId }), outcomes: ORG_MANAGE },
  "snapshot.list": { input: (w) => ({ packId: w.subscribedPackId }), outcomes: ORG_READ },
  "snapshot.create": { input: (w) => ({ packId: w.subscribedPackId }), outcomes: ORG_MANAGE },
  // Statements are every member's to read (paying out is the payout run's).
  "statement.list": { input: () => undefined, outcomes: ORG_READ },
  "statement.byMonth": { input: (w) => ({ month: w.statementMonth }), outcomes: ORG_READ },
  "connect.status": { input: () => undefined, outcomes: ORG_READ },
  // Creates the org's account on the first call and reuses it after.
  "connect.link": { input: () => undefined, outcomes: ORG_MANAGE },
  "connect.callback": { input: () => undefined, outcomes: ORG_MANAGE },
  // The world's org has onboarded, so its dashboard opens.
  "connect.dashboardLink": { input: () => undefined, outcomes: ORG_MANAGE },
  "product.list": { input: () => undefined, outcomes: ORG_READ },
  // Names are unique in an org: each caller creates its own.
  "product.create": { input: () => ({ name: `Product ${uid()}` }), outcomes: ORG_MANAGE },
  "product.update": { input: (w) => ({ productId: w.productId, description: "Ride-hailing in five metros" }), outcomes: ORG_MANAGE },
  "optIn.get": { input: () => undefined, outcomes: ORG_READ },
  // Setting what already holds is fine, so the admin and then the owner both succeed.
  "optIn.set": {
    input: (w) => ({ marketplaceOptIn: true, changes: [{ productId: w.productId, packId: w.pack.id, enabled: true }] }),
    outcomes: ORG_MANAGE,
  },
  "contribution.get": { input: () => ({}), outcomes: ORG_READ },
  "payoutRun.list": { input: () => undefined, outcomes: OPERATOR },
  "payoutRun.request": { input: () => ({ month: "2026-11" }), outcomes: OPERATOR },
  "payoutRun.reconcile": { input: () => ({ month: "2026-11" }), outcomes: OPERATOR },
  "payoutRun.refreshDrafts": { input: () => undefined, outcomes: OPERATOR },
};

type ProcedureDef = { type: "query" | "mutation" | "subscription"; meta?: { openapi?: { method: string; path: string } } };
const procedures = appRouter._def.procedures as unknown as Record<string, { _def: ProcedureDef }>;
const restPaths = Object.keys(TABLE).filter((path) => procedures[path]?._def.meta?.openapi);

let stripe: TestStripe;
let rest: Awaited<ReturnType<typeof startRestServer>>;
let trpc: Awaited<ReturnType<typeof startTrpcServer>>;
beforeAll(async () => {
  stripe = await startTestStripe();
  // No test here pays: the fake's events would only reach a database emptied between tests.
  stripe.fake.setDelivery({ paused: true });
  rest = await startRestServer();
  // The real /api/trpc route, with Next's body parser as the route configures it.
  trpc = await startTrpcServer();
});
afterAll(async () => {
  await trpc?.close();
  await rest?.close();
  await stripe?.stop();
});

async function makeWorld(): Promise<World> {
  const org = await makeOrg();
  const users = {
    owner: await makeUser(),
    admin: await makeUser(),
    member: await makeUser(),
    outsider: (await makeUserInOrg("owner")).user,
    operator: (await makeUserInOrg("owner")).user,
  };
  await getDb().user.update({ where: { id: users.operator.id }, data: { platformOperator: true } });
  for (const role of ["owner", "admin", "member"] as const) await addMember(users[role].id, org.id, role);
  const pack = await makePack();
  // A checkout of the org's to ask about; it also gives the org the Stripe customer the portal needs.
  const checkout = await callerFor(sessionFor(users.owner), org.id).subscription.createCheckout({ packId: pack.id, tier: "standard" });
  const apiKey = await callerFor(sessionFor(users.owner), org.id).apiKey.create({ label: "Existing key" });
  // No privacy threshold: a pack with no rows yet is readable (its snapshot list is empty).
  const subscribedPack = await makePack({ minContributors: 0 });
  await subscribe(org.id, subscribedPack.id);
  await insertStatement(getDb(), { orgId: org.id, month: "2026-02", status: "draft", lines: [] });
  const connect = await callerFor(sessionFor(users.owner), org.id).connect.link();
  await stripe.fake.completeOnboarding(connect.accountId);
  await callerFor(sessionFor(users.owner), org.id).connect.callback();
  const product = await getDb().product.create({ data: { orgId: org.id, name: "Northwind Ride" } });
  return {
    orgId: org.id, users, pack, checkoutSessionId: checkout.id, apiKeyId: apiKey.id, subscribedPackId: subscribedPack.id,
    statementMonth: "2026-02-14", productId: product.id,
  };
}

async function headersFor(world: World, caller: Caller): Promise<Record<string, string>> {
  const headers: Record<string, string> = { [ACTIVE_ORG_HEADER]: world.orgId };
  if (caller !== "anonymous") headers.cookie = await sessionCookie(world.users[caller]);
  return headers;
}

// A refusal's code, or the code with its status when the status is not the code's own.
function refusal(code: ErrorCode | undefined, status: number | undefined): string {
  if (!code) return `no error code (HTTP ${status})`;
  return status === ERROR_CODES[code].status ? code : `${code} (HTTP ${status})`;
}

// Through the same link and transformer as the app's client (src/utils/trpc.ts).
async function viaTrpc(path: string, input: unknown, headers: Record<string, string>): Promise<string> {
  const client = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${trpc.url}/api/trpc`, transformer: superjson, headers })],
  });
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], client) as {
    query: (input: unknown) => Promise<unknown>;
    mutate: (input: unknown) => Promise<unknown>;
  };
  try {
    await (procedures[path]!._def.type === "mutation" ? procedure.mutate(input) : procedure.query(input));
    return "allowed";
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as { code?: ErrorCode; httpStatus?: number } | undefined;
    return refusal(data?.code, data?.httpStatus);
  }
}

async function viaRest(path: string, input: unknown, headers: Record<string, string>): Promise<string> {
  const { method, path: template } = procedures[path]!._def.meta!.openapi!;
  const fields = { ...(input as Record<string, unknown> | undefined) };
  const route = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(fields[name]);
    delete fields[name];
    return encodeURIComponent(value);
  });
  const get = method === "GET";
  const query = get ? new URLSearchParams(fields as Record<string, string>).toString() : "";
  const res = await fetch(`${rest.url}/v1${route}${query ? `?${query}` : ""}`, {
    method,
    headers: { ...headers, ...(!get && { "content-type": "application/json" }) },
    body: get ? undefined : JSON.stringify(fields),
  });
  const body = (await res.json()) as { error?: { code?: ErrorCode } };
  if (res.ok) return "allowed";
  return refusal(body.error?.code, res.status);
}

async function outcomesOf(path: string, call: typeof viaTrpc): Promise<Record<Caller, string>> {
  const world = await makeWorld();
  const seen = {} as Record<Caller, string>;
  for (const caller of CALLERS) seen[caller] = await call(path, TABLE[path]!.input(world), await headersFor(world, caller));
  return seen;
}

describe("authorization", () => {
  it("decides every procedure of the app: the table lists exactly the router's procedures", () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(procedures).sort());
  });

  it.each(Object.keys(TABLE))("through tRPC over HTTP: %s", async (path) => {
    expect(await outcomesOf(path, viaTrpc)).toEqual(TABLE[path]!.outcomes);
  });

  it.each(restPaths)("through REST: %s", async (path) => {
    expect(await outcomesOf(path, viaRest)).toEqual(TABLE[path]!.outcomes);
  });

  it("is what the OpenAPI document promises: 401, 403 and 404 where the table has them", () => {
    const doc = openApiDocument("https://packmarket.example");
    for (const path of restPaths) {
      const { method, path: route } = procedures[path]!._def.meta!.openapi!;
      const operation = (doc.paths?.[route] as Record<string, { responses: Record<string, unknown> }>)[method.toLowerCase()]!;
      const outcomes = Object.values(TABLE[path]!.outcomes);
      const documented = (status: string) => status in operation.responses;
      expect({ path, 401: documented("401"), 403: documented("403") }).toEqual({
        path,
        401: outcomes.includes("unauthorized"),
        403: outcomes.includes("forbidden"),
      });
      if (outcomes.includes("not_found")) expect({ path, 404: documented("404") }).toEqual({ path, 404: true });
    }
  });
});
