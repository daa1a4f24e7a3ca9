import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startStripeFake } from "./index";
import { SECRET, sdk, startHarness, startReceiver, subscribe } from "./test-helpers";

const dir = mkdtempSync(join(tmpdir(), "stripe-fake-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("stateFile", () => {
  it("keeps objects, events and idempotency keys across a restart", async () => {
    const stateFile = join(dir, "nested", "state.json");
    const h = await startHarness({ stateFile });
    const { subscription, session } = await subscribe(h);
    const customer = await h.stripe.customers.create({ email: "kept@acme.test" }, { idempotencyKey: "kept-1" });
    const eventCount = h.fake.events().length;
    await h.close();
    expect(readdirSync(join(dir, "nested"))).toEqual(["state.json"]);
    expect(JSON.parse(readFileSync(stateFile, "utf8"))).toMatchObject({ version: 1 });

    const fake = await startStripeFake({ port: 0, stateFile });
    try {
      const stripe = sdk(fake);
      expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("active");
      expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("complete");
      expect(fake.events()).toHaveLength(eventCount);
      const replay = await stripe.customers.create({ email: "kept@acme.test" }, { idempotencyKey: "kept-1" });
      expect(replay.id).toBe(customer.id);
      await fake.advanceSubscription(subscription.id);
      expect((await stripe.invoices.list({ subscription: subscription.id })).data).toHaveLength(2);
    } finally {
      await fake.stop();
    }
  });

  it("sends events that were still waiting for delivery when it stopped", async () => {
    const stateFile = join(dir, "pending.json");
    const first = await startHarness({ stateFile });
    first.fake.setDelivery({ paused: true });
    await first.stripe.customers.create({ email: "waiting@acme.test" });
    await first.close();
    expect(first.platform.events).toEqual([]);

    const receiver = await startReceiver(SECRET);
    const fake = await startStripeFake({ port: 0, stateFile, webhooks: [{ url: receiver.url, secret: SECRET }] });
    try {
      await fake.flushDeliveries();
      expect(receiver.events.map((e) => e.type)).toEqual(["customer.created"]);
    } finally {
      await fake.stop();
      await receiver.close();
    }
  });

  it("starts empty after reset", async () => {
    const stateFile = join(dir, "reset.json");
    const fake = await startStripeFake({ port: 0, stateFile });
    await sdk(fake).customers.create({ email: "gone@acme.test" });
    fake.reset();
    await fake.stop();
    const again = await startStripeFake({ port: 0, stateFile });
    try {
      expect((await sdk(again).customers.list()).data).toEqual([]);
    } finally {
      await again.stop();
    }
  });
});

describe("dashboard", () => {
  it("lists subscriptions with renewal buttons and recent events with their delivery", async () => {
    const h = await startHarness();
    try {
      const { subscription } = await subscribe(h);
      const html = await (await fetch(`${h.fake.url}/`)).text();
      expect(html).toContain(subscription.id);
      expect(html).toMatch(/<button[^>]*>Advance period<\/button>/);
      expect(html).toMatch(/<button[^>]*>Advance \(fail payment\)<\/button>/);
      expect(html).toContain("checkout.session.completed");
      expect(html).toContain("delivered");

      const form = new URLSearchParams({ fail: "true" });
      const res = await fetch(
        `${h.fake.url}/_fake/subscriptions/${subscription.id}/advance?redirect=/`,
        { method: "POST", body: form, redirect: "manual" },
      );
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toMatch(/^\/\?flash=/);
      expect((await h.stripe.subscriptions.retrieve(subscription.id)).status).toBe("past_due");

      const settings = await fetch(
        `${h.fake.url}/_fake/delivery`,
        { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ paused: true, delayMs: 5 }) },
      );
      expect(await settings.json()).toMatchObject({ paused: true, delayMs: 5, duplicates: false, failNextPayment: false });
      h.fake.setDelivery({ paused: false });
    } finally {
      await h.close();
    }
  });
});
