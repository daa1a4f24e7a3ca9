// Property-based fuzzing of the API from outside, through real HTTP and the real route handlers:
// every operation of the OpenAPI document and every tRPC procedure, anonymous and signed in as an
// org owner, with hostile path segments, query parameters, bodies, x-pm-org headers and pm_org
// cookies. Whatever comes in: no 5xx, a JSON answer, and an error's status is the one its code has
// in errors.ts. FUZZ_RUNS=<n> runs more cases per operation (default 20).
import fc from "fast-check";
import { instanceofZodTypeObject, unwrapZodType } from "trpc-to-openapi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~/server/db";
import { ERROR_CODES } from "~/server/errors";
import { openApiDocument } from "~/server/rest/openapi";
import { appRouter } from "~/server/routers/_app";
import { createApiKey } from "~/server/services/api-key/create-api-key";
import { makePack, makeUserInOrg } from "~/test/factories";
import { sessionCookie, startRestServer } from "~/test/rest";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { startTrpcServer } from "~/test/trpc";

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

let rest: Awaited<ReturnType<typeof startRestServer>>;
let trpc: Awaited<ReturnType<typeof startTrpcServer>>;
let world: TestStripe;
beforeAll(async () => {
  // A garbage session cookie is one of the cases; next-auth logs each one as an error. Only that
  // line is dropped: any other error still shows.
  const consoleError = console.error.bind(console);
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes("JWT_SESSION_ERROR")) consoleError(...args);
  });
  world = await startTestStripe();
  rest = await startRestServer();
  trpc = await startTrpcServer();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rest?.close();
  await trpc?.close();
  await world?.stop();
});

// ---- hostile values ---------------------------------------------------------------------------

// Any UTF-16 code unit: NUL, controls and lone surrogates included.
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const NASTY = [
  "", " ", "\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud83dy", "0", "-1", "1e309", "NaN", "true", "null", "[]", "{}",
  "%", "%ZZ", "%00", "%ED%A0%80", "..", "../../etc/passwd", "a/b", "?#&=+;", "' OR 1=1 --", "\u202e\u200b", "🚲",
  "__proto__", "constructor", "/app", "//evil.example", "pro", "standard", "enterprise", "2026-13-45",
];
// NUL and lone surrogates inside otherwise ordinary text: common enough to be tried on every field.
const poisoned = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom("\u0000", "\ud800", "\udc00"), fc.string({ maxLength: 8 }))
  .map((parts) => parts.join(""));
const shortText = fc.oneof(
  fc.constantFrom(...NASTY),
  poisoned,
  fc.string({ unit: codeUnit, maxLength: 24 }),
  fc.string({ unit: "binary", maxLength: 24 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.integer().map(String),
  fc.double().map(String),
);
const hugeText = fc
  .tuple(fc.string({ unit: codeUnit, minLength: 1, maxLength: 4 }), fc.integer({ min: 200, max: 20_000 }))
  .map(([unit, times]) => unit.repeat(times));
const anyText = fc.oneof({ weight: 5, arbitrary: shortText }, { weight: 1, arbitrary: hugeText });
const urlText = fc.oneof({ weight: 5, arbitrary: shortText }, { weight: 1, arbitrary: hugeText });
// A URL carries UTF-8, which has no lone surrogates (they reach the API only as JSON escapes).
const encode = (text: string) => encodeURIComponent(text.toWellFormed());
// Percent-encoding as clients get it wrong.
const badEscape = fc.constantFrom("%", "%Z", "%ZZ", "%E0%A4%A", "%ED%A0%80", "%C0%AF", "%FF", "%00", "%2", "%%");
// Cut to 1,500 characters: Node refuses request heads over 16 KB itself (431), before any app code.
// A cut through an escape ("%E") is one more malformed case.
const urlPart = fc.oneof({ weight: 4, arbitrary: urlText.map((t) => encode(t).slice(0, 1500)) }, { weight: 1, arbitrary: badEscape });

function fitInUrl(text: string, maxEncoded: number): string {
  let cut = text;
  while (encodeURIComponent(cut).length > maxEncoded) cut = cut.slice(0, Math.floor(cut.length / 2)).toWellFormed();
  return cut;
}

function nest(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}
const deepValue = fc.tuple(fc.integer({ min: 20, max: 4000 }), shortText, fc.boolean()).map(([d, leaf, asArray]) => nest(d, leaf, asArray));

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: anyText },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.array(shortText, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(shortText, shortText, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deepValue },
);

// An input for a schema with these fields: each one absent, hostile or plausible (so some calls get
// past validation into the services), sometimes with extra fields, sometimes not an object at all.
function inputFor(fields: string[], plausible: Record<string, unknown>): fc.Arbitrary<unknown> {
  const field = (name: string) => (plausible[name] ? fc.oneof(hostileValue, fc.constant(plausible[name])) : hostileValue);
  const object = fc
    .tuple(
      fc.record(Object.fromEntries(fields.map((name) => [name, field(name)])), { requiredKeys: [] }),
      fc.dictionary(shortText, hostileValue, { maxKeys: 2 }),
    )
    .map(([known, extra]) => ({ ...extra, ...known }));
  return fc.oneof({ weight: 4, arbitrary: object }, { weight: 1, arbitrary: hostileValue });
}

const rawBody = fc.oneof(
  fc.constantFrom("", "{not json", "{", "null", "[]", '"text"', "tier=pro", '{"tier":"pro"'),
  anyText,
  fc.integer({ min: 20, max: 5000 }).map((d) => "[".repeat(d) + "]".repeat(d)),
);
const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  undefined,
);
const anyMethod = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE");

// Who is asking: anonymous or the owner, naming their org, a hostile org or none, by header or cookie.
// `bearer`: an API key of the org, which subscribes to the plausible pack (the data API's rows);
// `ingestBearer`: its ingest key, for operations that take one (x-api-key-scope: ingest).
type Caller = { cookie?: string; orgId: string; bearer?: string; ingestBearer?: string };
function headersArb(caller: Caller): fc.Arbitrary<Record<string, string>> {
  const headerSafe = fc.oneof(fc.string({ unit: "grapheme-ascii", maxLength: 80 }), urlPart);
  const orgHeader = fc.option(fc.oneof(fc.constant(caller.orgId), headerSafe), { nil: undefined });
  const orgCookie = fc.option(fc.oneof(fc.constant(caller.orgId), urlPart), { nil: undefined });
  const session = fc.oneof({ weight: 5, arbitrary: fc.constant(caller.cookie) }, { weight: 1, arbitrary: headerSafe.map((t) => `next-auth.session-token=${t}`) });
  const bearer = caller.bearer
    ? fc.option(fc.oneof({ weight: 4, arbitrary: fc.constant(`Bearer ${caller.bearer}`) }, { weight: 1, arbitrary: headerSafe.map((t) => `Bearer ${t}`) }), { nil: undefined })
    : fc.constant(undefined);
  return fc.tuple(orgHeader, orgCookie, session, bearer).map(([header, cookieOrg, sessionCookie, authorization]) => {
    const cookies = [sessionCookie, cookieOrg === undefined ? undefined : `pm_org=${cookieOrg}`].filter(Boolean);
    return {
      ...(header !== undefined && { "x-pm-org": header }),
      ...(cookies.length > 0 && { cookie: cookies.join("; ") }),
      ...(authorization !== undefined && { authorization }),
    };
  });
}

// ---- the contract -----------------------------------------------------------------------------

type Answer = { status: number; contentType: string; text: string };
type ErrorData = { code?: string; message?: unknown; httpStatus?: unknown };

async function send(url: string, init: RequestInit): Promise<Answer> {
  const res = await fetch(url, { ...init, redirect: "manual" });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text: await res.text() };
}

function expectKnownCode(data: ErrorData, status: number, label: string) {
  expect(Object.keys(ERROR_CODES), label).toContain(data.code);
  expect(typeof data.message, label).toBe("string");
  expect(ERROR_CODES[data.code as keyof typeof ERROR_CODES].status, label).toBe(status);
}

function parsed(answer: Answer, label: string): unknown {
  expect(answer.status, label).toBeLessThan(500);
  expect(answer.contentType, label).toMatch(/^application\/json/);
  return JSON.parse(answer.text) as unknown;
}

function expectRestContract(answer: Answer, label: string) {
  const body = parsed(answer, label) as { error?: ErrorData };
  if (answer.status < 400) return;
  expect(body.error, label).toBeTypeOf("object");
  expectKnownCode(body.error!, answer.status, label);
}

type TrpcItem = { error?: { json?: { message?: unknown; data?: ErrorData } }; result?: unknown };
function expectTrpcContract(answer: Answer, label: string) {
  const body = parsed(answer, label) as TrpcItem | TrpcItem[];
  for (const item of Array.isArray(body) ? body : [body]) {
    if (!item.error) continue;
    const data = item.error.json?.data;
    expect(data, label).toBeTypeOf("object");
    expect(data!.httpStatus, label).toBe(ERROR_CODES[data!.code as keyof typeof ERROR_CODES]?.status);
    // A batch whose calls end differently is a 207; otherwise the status is the error's.
    expectKnownCode(data!, answer.status === 207 ? (data!.httpStatus as number) : answer.status, label);
  }
}

// ---- the operations ---------------------------------------------------------------------------

type Parameter = { name: string; in: string };
type Operation = { "x-api-key-scope"?: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } };

const doc = openApiDocument("http://fuzz.example");
const restOperations = Object.entries(doc.paths ?? {}).flatMap(([template, item]) =>
  Object.entries(item ?? {})
    .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
    .map(([method, operation]) => ({ template, method: method.toUpperCase(), operation: operation as Operation })),
);

// _def.procedures is flat at runtime, keyed by the dotted path ("pack.list").
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string; inputs: unknown[] } }>).map(([path, procedure]) => {
  const input = procedure._def.inputs[0];
  const schema = input ? unwrapZodType(input as Parameters<typeof unwrapZodType>[0], true) : undefined;
  const fields = schema && instanceofZodTypeObject(schema) ? Object.keys(schema.shape) : [];
  return { path, type: procedure._def.type, fields };
});

// A live subscription of the org to the pack, with this period's counter and a few rows.
async function subscribeWithRows(orgId: string, packId: string) {
  const db = getDb();
  const tier = await db.packTier.findFirstOrThrow({ where: { packId, tier: "standard" } });
  const periodStart = new Date(Date.now() - 86_400_000);
  const periodEnd = new Date(Date.now() + 29 * 86_400_000);
  const sub = await db.buyerSubscription.create({
    data: { buyerOrgId: orgId, packId, tierId: tier.id, stripeCustomerId: "cus_fuzz", stripeSubscriptionId: `sub_fuzz_${orgId}`, status: "active", currentPeriodStart: periodStart, currentPeriodEnd: periodEnd },
  });
  await db.buyerUsageCounter.create({ data: { subscriptionId: sub.id, periodStart, periodEnd, rowQuota: 100_000 } });
  const product = await db.product.create({ data: { orgId, name: "Fuzzed product" } });
  await db.packRow.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({ packId, contributorOrgId: orgId, productId: product.id, data: { city: `City ${i}`, trips: i }, sessionAt: new Date() })),
  });
}

// The org also sells: its product is opted into the pack, with the global switch on (ingest).
async function sellTo(orgId: string, packId: string) {
  const db = getDb();
  const product = await db.product.create({ data: { orgId, name: "Fuzzed seller product" } });
  const since = new Date("2020-01-01T00:00:00Z");
  await db.marketplaceOptInPeriod.create({ data: { orgId, startedAt: since } });
  await db.packOrgMembership.create({ data: { orgId, productId: product.id, packId, enabled: true, periods: { create: { startedAt: since } } } });
  return product;
}

async function setUp(signedIn: boolean) {
  const { user, org } = await makeUserInOrg("owner");
  const pack = await makePack();
  const apiKey = await createApiKey(getDb(), { orgId: org.id, userId: user.id, label: "Fuzzed" });
  const ingestKey = await createApiKey(getDb(), { orgId: org.id, userId: user.id, label: "Fuzzed ingest", scope: "ingest" });
  if (signedIn) await subscribeWithRows(org.id, pack.id);
  const product = await sellTo(org.id, pack.id);
  const caller: Caller = {
    cookie: signedIn ? await sessionCookie(user) : undefined,
    orgId: org.id,
    bearer: signedIn ? apiKey.secret : undefined,
    ingestBearer: signedIn ? ingestKey.secret : undefined,
  };
  const plausible = {
    slug: pack.slug,
    packId: pack.id,
    tier: "pro",
    returnPath: "/app",
    sessionId: "cs_test_x",
    search: "Pack",
    category: "Mobility",
    label: "Nightly export",
    keyId: apiKey.id,
    // Selling: a product of the org, a new product's name and description, a month.
    productId: product.id,
    name: "Fuzzed new product",
    description: "Fuzzed description",
    // The rows route: a page small enough for many runs within the quota, as JSON (the contract below).
    limit: "5",
    format: "json",
    // A real day: statements and their files get past validation (the org has none, so not_found).
    month: "2026-02-14",
    // Ingest: a batch with a valid session, one of another pack and one that is not a session.
    sessions: [
      { client_session_id: `fuzz-${org.id}`, product_id: product.id, pack: pack.slug, occurred_at: new Date().toISOString(), payload: { city: "Oslo", trips: 1 } },
      { client_session_id: "x", product_id: product.id, pack: "no-such-pack", occurred_at: "2026-12-01T00:00:00Z", payload: {} },
      "not a session",
    ],
  };
  return { caller, plausible: plausible as Record<string, unknown> };
}

function restRequest(op: (typeof restOperations)[number], callerIn: Caller, plausible: Record<string, unknown>) {
  // An operation that takes an ingest key gets the org's ingest key (a read key is one more case).
  const caller = op.operation["x-api-key-scope"] === "ingest" ? { ...callerIn, bearer: callerIn.ingestBearer } : callerIn;
  const params = op.operation.parameters ?? [];
  const text = (name: string, fallback: string) => String(plausible[name] ?? fallback);
  const pathParam = (name: string) => fc.oneof(urlPart, fc.constant(encode(text(name, "x"))));
  const path = fc
    .tuple(...params.filter((p) => p.in === "path").map((p) => pathParam(p.name).map((v) => [p.name, v] as const)))
    .map((pairs) => pairs.reduce((url, [name, value]) => url.replace(`{${name}}`, value), op.template));
  const queryNames = params.filter((p) => p.in === "query").map((p) => p.name);
  const query = fc
    .array(fc.tuple(fc.oneof(fc.constantFrom("x", ...queryNames), shortText.map(encode)), fc.oneof(urlPart, fc.constantFrom("", ...queryNames.map((n) => encode(text(n, "")))))), { maxLength: 4 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));
  const bodyFields = Object.keys(op.operation.requestBody?.content?.["application/json"]?.schema?.properties ?? {});
  const body = fc.oneof(inputFor(bodyFields, plausible).map((v) => JSON.stringify(v) ?? ""), rawBody);
  const method = fc.oneof({ weight: 5, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: anyMethod });
  return fc.record({ path, query, body, contentType, method, headers: headersArb(caller) });
}

function trpcRequest(proc: (typeof procedures)[number], caller: Caller, plausible: Record<string, unknown>) {
  const input = inputFor(proc.fields, plausible);
  // superjson's envelope, also with hostile meta, or not an envelope at all.
  const envelope = fc.oneof(
    { weight: 4, arbitrary: input.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.tuple(input, hostileValue).map(([json, values]) => ({ json, meta: { values } })) },
    { weight: 1, arbitrary: hostileValue },
  );
  const encoded = fc.oneof({ weight: 5, arbitrary: envelope.map((e) => JSON.stringify(e) ?? "") }, { weight: 1, arbitrary: rawBody });
  const method = fc.oneof({ weight: 5, arbitrary: fc.constant(proc.type === "query" ? "GET" : "POST") }, { weight: 1, arbitrary: anyMethod });
  return fc.record({ encoded, batch: fc.boolean(), contentType, method, headers: headersArb(caller) });
}

// ---- the properties ---------------------------------------------------------------------------

describe.each([
  ["anonymous", false],
  ["signed in as an org owner", true],
])("fuzzing the API %s", (_who, signedIn) => {
  it.each(restOperations.map((op) => [`${op.method} ${op.template}`, op] as const))("REST %s", async (label, op) => {
    const { caller, plausible } = await setUp(signedIn);
    await fc.assert(
      fc.asyncProperty(restRequest(op, caller, plausible), async (req) => {
        const withBody = req.method !== "GET";
        const answer = await send(`${rest.url}/v1${req.path}${req.query}`, {
          method: req.method,
          headers: { ...req.headers, ...(withBody && req.contentType && { "content-type": req.contentType }) },
          ...(withBody && { body: req.body }),
        });
        expectRestContract(answer, `${label}: ${req.method} ${req.path.slice(0, 80)}${req.query.slice(0, 80)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(procedures.map((proc) => [proc.path, proc] as const))("tRPC %s", async (path, proc) => {
    const { caller, plausible } = await setUp(signedIn);
    await fc.assert(
      fc.asyncProperty(trpcRequest(proc, caller, plausible), async (req) => {
        const url = `${trpc.url}/api/trpc/${req.batch ? `${path},${path}` : path}`;
        const withBody = req.method !== "GET";
        // In the query string, cut to what fits in a request head (truncated JSON is hostile too).
        const encoded = withBody ? req.encoded : fitInUrl(req.encoded.toWellFormed(), 4000);
        const wire = req.batch ? `{"0":${encoded || "null"},"1":${encoded || "null"}}` : encoded;
        const search = new URLSearchParams({ ...(req.batch && { batch: "1" }), ...(!withBody && { input: wire }) }).toString();
        const answer = await send(`${url}${search ? `?${search}` : ""}`, {
          method: req.method,
          headers: { ...req.headers, ...(withBody && req.contentType && { "content-type": req.contentType }) },
          ...(withBody && { body: wire }),
        });
        expectTrpcContract(answer, `${path}: ${req.method} ${wire.slice(0, 120)}`);
      }),
      { numRuns: RUNS },
    );
  });
});
