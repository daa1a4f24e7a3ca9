import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fingerprint, parseForm } from "./form";
import { startHarness, subscribe, type Harness } from "./test-helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => h.fake.reset());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${h.fake.url}${path}`, {
    method: "POST",
    headers: { authorization: "Bearer sk_test_x", "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });

describe("form parsing", () => {
  it("reads the SDK's bracket notation into nested objects and arrays", () => {
    expect(parseForm("line_items[0][price]=price_1&line_items[0][quantity]=2&metadata[orgId]=o%201&expand[]=a&expand[]=b.c&x=a+b")).toEqual({
      line_items: [{ price: "price_1", quantity: "2" }],
      metadata: { orgId: "o 1" },
      expand: ["a", "b.c"],
      x: "a b",
    });
    expect(parseForm("lookup_keys[0]=a&lookup_keys[1]=b&subscription_data[metadata][k]=v")).toEqual({
      lookup_keys: ["a", "b"],
      subscription_data: { metadata: { k: "v" } },
    });
    expect(parseForm("__proto__[x]=1&a[__proto__][y]=2")).toEqual({ a: {} });
  });

  it("fingerprints parameters independently of key order", () => {
    expect(fingerprint(parseForm("a=1&b[x]=2&b[y]=3"))).toBe(fingerprint(parseForm("b[y]=3&b[x]=2&a=1")));
    expect(fingerprint(parseForm("a=1"))).not.toBe(fingerprint(parseForm("a=2")));
  });
});

describe("idempotency", () => {
  it("replays the first response for the same key and parameters", async () => {
    const first = await post("/v1/customers", "email=a%40acme.test", { "idempotency-key": "k1" });
    const second = await post("/v1/customers", "email=a%40acme.test", { "idempotency-key": "k1" });
    expect(second.status).toBe(first.status);
    expect(await second.text()).toBe(await first.text());
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(h.fake.events()).toHaveLength(1);
  });

  it("works through the SDK: same key, same object; different parameters, idempotency_error", async () => {
    const a = await h.stripe.customers.create({ email: "b@acme.test" }, { idempotencyKey: "org_1:customer" });
    const b = await h.stripe.customers.create({ email: "b@acme.test" }, { idempotencyKey: "org_1:customer" });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers["idempotent-replayed"]).toBe("true");
    const mismatch = h.stripe.customers.create({ email: "other@acme.test" }, { idempotencyKey: "org_1:customer" });
    await expect(mismatch).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(mismatch).rejects.toMatchObject({ statusCode: 400, type: "StripeIdempotencyError" });
    const otherPath = post("/v1/products", "name=x", { "idempotency-key": "org_1:customer" });
    expect((await otherPath).status).toBe(400);
  });

  it("frees the key after a validation error", async () => {
    const bad = await post("/v1/prices", "currency=usd", { "idempotency-key": "k-bad" });
    expect(bad.status).toBe(400);
    const { id: product } = await h.stripe.products.create({ name: "P" });
    const fixed = await post("/v1/prices", `currency=usd&unit_amount=100&product=${product}`, { "idempotency-key": "k-bad" });
    expect(fixed.status).toBe(200);
  });

  it("replays a declined payment instead of trying again", async () => {
    const { subscription } = await subscribe(h);
    await h.fake.advanceSubscription(subscription.id, { fail: true });
    const invoice = (await h.stripe.subscriptions.retrieve(subscription.id)).latest_invoice as string;
    h.fake.setDelivery({ failNextPayment: true });
    const first = await post(`/v1/invoices/${invoice}/pay`, "", { "idempotency-key": "pay-1" });
    expect(first.status).toBe(402);
    const replay = await post(`/v1/invoices/${invoice}/pay`, "", { "idempotency-key": "pay-1" });
    expect(replay.status).toBe(402);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await h.stripe.invoices.retrieve(invoice)).status).toBe("open");
    const paid = await h.stripe.invoices.pay(invoice);
    expect(paid.status).toBe("paid");
  });

  it("gives each SDK call its own automatic key", async () => {
    const a = await h.stripe.customers.create({ email: "same@acme.test" });
    const b = await h.stripe.customers.create({ email: "same@acme.test" });
    expect(a.id).not.toBe(b.id);
    expect(h.fake.events().every((e) => e.request?.idempotency_key?.startsWith("stripe-node-retry-"))).toBe(true);
  });
});

describe("objects and lists", () => {
  it("updates customers with Stripe's metadata rules and emits customer.updated", async () => {
    const c = await h.stripe.customers.create({ email: "m@acme.test", metadata: { orgId: "o1", keep: "yes" } });
    const updated = await h.stripe.customers.update(c.id, { metadata: { orgId: "" , added: "1" }, name: "Acme" });
    expect(updated.metadata).toEqual({ keep: "yes", added: "1" });
    expect(updated.name).toBe("Acme");
    const event = h.fake.events().at(-1)!;
    expect(event.type).toBe("customer.updated");
    expect(event.data.previous_attributes).toMatchObject({ name: null, metadata: { orgId: "o1", keep: "yes" } });
  });

  it("lists newest first and pages with starting_after (auto-pagination)", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await h.stripe.customers.create({ email: `p${i}@acme.test` })).id);
    const page = await h.stripe.customers.list({ limit: 2 });
    expect(page.data.map((c) => c.id)).toEqual([ids[4], ids[3]]);
    expect(page.has_more).toBe(true);
    const all: string[] = [];
    for await (const c of h.stripe.customers.list({ limit: 2 })) all.push(c.id);
    expect(all).toEqual([...ids].reverse());
  });

  it("retrieves events by id and lists them by type", async () => {
    await h.stripe.customers.create({ email: "e@acme.test" });
    const [event] = h.fake.events();
    expect((await h.stripe.events.retrieve(event!.id)).type).toBe("customer.created");
    expect((await h.stripe.events.list({ type: "customer.*" })).data).toHaveLength(1);
    await expect(h.stripe.events.retrieve("evt_missing")).rejects.toMatchObject({ statusCode: 404 });
  });
});
