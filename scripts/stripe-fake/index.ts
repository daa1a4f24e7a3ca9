// A dev/test-only Stripe-compatible server for Pack Market (there is no Stripe mock installable
// offline: see TOOLCHAIN.md "Stripe offline"). The app talks to it with the unchanged SDK:
//   new Stripe("sk_test_...", { host: "127.0.0.1", port, protocol: "http" })
import type { AddressInfo } from "node:net";
import { billingRoutes } from "./api-billing";
import { coreRoutes } from "./api-core";
import { advanceSubscription, invoiceProration, refundCharge, retryInvoice } from "./billing";
import { cancelCheckout, completeCheckout } from "./checkout";
import { completeOnboarding, connectRoutes, expireAccountLinks } from "./connect";
import { connectPagesHandler } from "./connect-pages";
import type { FakeContext } from "./context";
import { controlsHandler } from "./controls";
import { dashboardHandler } from "./dashboard";
import { EventBus, type DeliveryOptions, type Logger } from "./events";
import { pagesHandler } from "./pages";
import { createFakeServer } from "./server";
import { atTime, Store } from "./store";
import { reverseTransfer, seedOnboardedAccounts, transferRoutes } from "./transfers";
import type { StripeFake, StripeFakeActions, StripeFakeOptions } from "./types";

export type { DeliverySettings, StripeFake, StripeFakeOptions, WebhookTarget } from "./types";

export const DEFAULT_STRIPE_FAKE_PORT = 12111;

export async function startStripeFake(opts: StripeFakeOptions = {}): Promise<StripeFake> {
  if (process.env.NODE_ENV === "production") {
    throw new Error("The Stripe fake is for development and tests only: it refuses to start with NODE_ENV=production.");
  }
  const host = opts.host ?? "127.0.0.1";
  const log: Logger = {
    info: (line) => opts.log?.(line),
    warn: (line) => (opts.log ? opts.log(line) : console.warn(`[stripe] ${line}`)),
  };
  const store = new Store(opts.stateFile, log.info);
  const bus = new EventBus(store, opts.webhooks ?? [], log, opts.retryDelaysMs);
  const ctx: FakeContext = { store, bus, log, baseUrl: "", failNextPayment: false, apiLatencyMs: { min: 0, max: 0 } };

  const actions: StripeFakeActions = {
    pay: async (id, opts) => {
      if (!opts?.at) return void completeCheckout(ctx, id);
      if (opts.at.getTime() > Date.now()) throw new Error("The Stripe fake can pay a Checkout Session now or in the past, not in the future.");
      atTime(opts.at, () => completeCheckout(ctx, id));
    },
    cancelCheckout: async (id) => void cancelCheckout(ctx, id),
    advanceSubscription: async (id, o) => advanceSubscription(ctx, id, o),
    retryInvoice: async (id) => void retryInvoice(ctx, id),
    refundCharge: async (id, amount) => void refundCharge(ctx, { charge: id, amount }, null),
    invoiceProration: async (id, amount) => invoiceProration(ctx, id, amount).id,
    completeOnboarding: async (id) => completeOnboarding(ctx, id),
    expireAccountLinks: async (id) => expireAccountLinks(ctx, id),
    reverseTransfer: async (id, amount) => reverseTransfer(ctx, id, { amount }, null).id,
    seedOnboardedAccounts: (count) => seedOnboardedAccounts(ctx, count),
    forgetIdempotencyKeys: () => {
      store.state.idempotency = {};
      store.changed();
    },
    setApiLatency: ({ minMs, maxMs }) => {
      const min = Math.max(0, minMs);
      ctx.apiLatencyMs = { min, max: Math.max(min, maxMs) };
    },
    setDelivery: (o) => {
      const next: Partial<DeliveryOptions> = {};
      if (o.duplicates !== undefined) next.duplicates = o.duplicates;
      if (o.reorder !== undefined) next.reorder = o.reorder;
      if (o.paused !== undefined) next.paused = o.paused;
      if (o.delayMs !== undefined && Number.isFinite(o.delayMs)) next.delayMs = Math.max(0, o.delayMs);
      if (o.failNextPayment !== undefined) ctx.failNextPayment = o.failNextPayment;
      bus.setOptions(next);
    },
    flushDeliveries: () => bus.flush(),
    events: () => structuredClone(store.state.events),
    deliverEvent: (id) => bus.deliverNow(id),
    reset: () => {
      bus.reset();
      store.reset();
      ctx.failNextPayment = false;
      ctx.apiLatencyMs = { min: 0, max: 0 };
    },
  };

  const server = createFakeServer(
    ctx,
    [...coreRoutes, ...billingRoutes, ...connectRoutes, ...transferRoutes],
    [
      controlsHandler(
        actions,
        () => ({ ...bus.getOptions(), failNextPayment: ctx.failNextPayment }),
        () => ({ object: "list", data: store.state.events, deliveries: store.state.deliveries }),
      ),
      pagesHandler(ctx),
      connectPagesHandler(ctx),
      dashboardHandler(ctx),
    ],
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? DEFAULT_STRIPE_FAKE_PORT, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  ctx.baseUrl = `http://${urlHost}:${port}`;
  log.info(`Stripe fake listening on ${ctx.baseUrl} (dashboard at ${ctx.baseUrl}/)`);
  bus.resumePending();

  let stopped: Promise<void> | null = null;
  return {
    ...actions,
    url: ctx.baseUrl,
    host,
    port,
    stop: () =>
      (stopped ??= (async () => {
        await bus.stop();
        store.saveNow();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })()),
  };
}
