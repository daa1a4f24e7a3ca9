import type Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startHarness, subscribe, type Harness } from "./test-helpers";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => h.fake.reset());

const postForm = (url: string) => fetch(url, { method: "POST", redirect: "manual" });

describe("billing portal", () => {
  it("creates a session pointing at the hosted portal page", async () => {
    const { subscription } = await subscribe(h);
    const portal = await h.stripe.billingPortal.sessions.create({
      customer: subscription.customer as string,
      return_url: "http://localhost:3000/app/marketplace/my-packs",
    });
    expect(portal).toMatchObject({
      object: "billing_portal.session",
      customer: subscription.customer,
      livemode: false,
      return_url: "http://localhost:3000/app/marketplace/my-packs",
    });
    expect(portal.id).toMatch(/^bps_/);
    expect(portal.url).toBe(`${h.fake.url}/billing_portal/${portal.id}`);
    const html = await (await fetch(portal.url)).text();
    expect(html).toContain("Weather pack — Pro");
    expect(html).toMatch(/<button[^>]*>Cancel at period end<\/button>/);
    expect(html).toMatch(/<button[^>]*>Update card<\/button>/);
    expect(html).toContain('href="http://localhost:3000/app/marketplace/my-packs">Return to Pack Market</a>');
    await expect(h.stripe.billingPortal.sessions.create({ customer: "cus_missing" })).rejects.toMatchObject({
      statusCode: 404,
      param: "customer",
    });
  });

  it("cancels at period end and renews, emitting customer.subscription.updated each time", async () => {
    const { subscription } = await subscribe(h);
    const portal = await h.stripe.billingPortal.sessions.create({
      customer: subscription.customer as string,
      return_url: "http://localhost:3000/x",
    });
    const before = h.fake.events().length;

    const cancel = await postForm(`${portal.url}/subscriptions/${subscription.id}/cancel`);
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get("location")).toMatch(new RegExp(`^/billing_portal/${portal.id}\\?flash=`));
    const canceled = await h.stripe.subscriptions.retrieve(subscription.id);
    expect(canceled).toMatchObject({
      cancel_at_period_end: true,
      status: "active",
      cancellation_details: { reason: "cancellation_requested" },
    });
    const page = await (await fetch(portal.url)).text();
    expect(page).toMatch(/<button[^>]*>Renew<\/button>/);
    expect(page).toContain("Cancels on");

    await postForm(`${portal.url}/subscriptions/${subscription.id}/renew`);
    expect((await h.stripe.subscriptions.retrieve(subscription.id)).cancel_at_period_end).toBe(false);

    const events = h.fake.events().slice(before) as Stripe.CustomerSubscriptionUpdatedEvent[];
    expect(events.map((e) => [
      e.type,
      e.data.object.cancel_at_period_end,
      e.data.previous_attributes?.cancel_at_period_end,
    ])).toEqual([
      ["customer.subscription.updated", true, false],
      ["customer.subscription.updated", false, true],
    ]);
  });

  it("updates the card and will not touch another customer's subscription", async () => {
    const mine = await subscribe(h);
    const theirs = await subscribe(h);
    const portal = await h.stripe.billingPortal.sessions.create({ customer: mine.subscription.customer as string });
    expect((await postForm(`${portal.url}/update_card`)).status).toBe(303);
    expect(h.fake.events().at(-1)!.type).toBe("customer.updated");
    const res = await postForm(`${portal.url}/subscriptions/${theirs.subscription.id}/cancel`);
    expect(res.status).toBe(404);
    expect((await h.stripe.subscriptions.retrieve(theirs.subscription.id)).cancel_at_period_end).toBe(false);
  });
});
