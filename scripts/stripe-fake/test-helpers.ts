// Shared by the fake's tests: a fake with the real SDK pointed at it, and webhook receivers that
// verify signatures exactly as the app will.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startStripeFake, type StripeFake, type StripeFakeOptions } from "./index";

export const SECRET = "whsec_test_platform";
export const CONNECT_SECRET = "whsec_test_connect";

export type Receiver = {
  url: string;
  events: Stripe.Event[];
  rejected: number;
  // Answer for each verified event; 200 unless changed.
  respond: (event: Stripe.Event) => number;
  // While set, answers wait for it: an endpoint that is slow to respond.
  hold: Promise<void> | null;
  close(): Promise<void>;
};

export async function startReceiver(secret: string): Promise<Receiver> {
  const receiver: Receiver = { url: "", events: [], rejected: 0, respond: () => 200, hold: null, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const event = Stripe.webhooks.constructEvent(
          Buffer.concat(chunks).toString("utf8"),
          String(req.headers["stripe-signature"]),
          secret,
        );
        receiver.events.push(event);
        await receiver.hold;
        res.writeHead(receiver.respond(event)).end();
      } catch {
        receiver.rejected += 1;
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}

export type Harness = { fake: StripeFake; stripe: Stripe; platform: Receiver; connect: Receiver; close(): Promise<void> };

export async function startHarness(opts: StripeFakeOptions = {}): Promise<Harness> {
  const platform = await startReceiver(SECRET);
  const connect = await startReceiver(CONNECT_SECRET);
  const fake = await startStripeFake({
    port: 0,
    retryDelaysMs: [20, 40, 80],
    webhooks: [
      { url: platform.url, secret: SECRET },
      { url: connect.url, secret: CONNECT_SECRET, connect: true },
    ],
    ...opts,
  });
  const stripe = sdk(fake);
  return {
    fake,
    stripe,
    platform,
    connect,
    close: async () => {
      await fake.stop();
      await platform.close();
      await connect.close();
    },
  };
}

export const sdk = (fake: StripeFake, key = "sk_test_packmarket") =>
  new Stripe(key, { host: fake.host, port: fake.port, protocol: "http", maxNetworkRetries: 0 });

export async function createTier(stripe: Stripe, lookupKey = `pack_weather_pro_${Math.random().toString(36).slice(2)}`) {
  const product = await stripe.products.create({ name: "Weather pack — Pro" });
  const price = await stripe.prices.create({
    product: product.id,
    currency: "usd",
    unit_amount: 4900,
    recurring: { interval: "month" },
    lookup_key: lookupKey,
    metadata: { packId: "pack_1", tier: "pro" },
  });
  return { product, price };
}

export async function checkout(stripe: Stripe, price: Stripe.Price, extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  return stripe.checkout.sessions.create({
    mode: "subscription",
    customer_email: "buyer@acme.test",
    client_reference_id: "org_buyer",
    line_items: [{ price: price.id, quantity: 1 }],
    metadata: { orgId: "org_buyer", packId: "pack_1", tier: "pro" },
    subscription_data: { metadata: { orgId: "org_buyer", packId: "pack_1", tier: "pro" } },
    success_url: "http://localhost:3000/app/marketplace/my-packs?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://localhost:3000/marketplace/packs/weather",
    ...extra,
  });
}

// A subscription bought through Checkout and paid, with its events delivered.
export async function subscribe(h: Harness) {
  const { price } = await createTier(h.stripe);
  const session = await checkout(h.stripe, price);
  await h.fake.pay(session.id);
  await h.fake.flushDeliveries();
  const done = await h.stripe.checkout.sessions.retrieve(session.id);
  const subscription = await h.stripe.subscriptions.retrieve(done.subscription as string);
  return { price, session: done, subscription };
}

export const types = (events: Stripe.Event[]) => events.map((e) => e.type);

export async function waitFor(check: () => boolean, timeoutMs = 3000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
