import type Stripe from "stripe";

export type WebhookTarget = { url: string; secret: string; connect?: boolean };

export type StripeFakeOptions = {
  /** 0 = a random free port; default 12111 */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** where signed events are POSTed; account events go only to `connect: true` targets, others only to the rest */
  webhooks?: WebhookTarget[];
  /** when set, state is loaded from and saved atomically to this JSON file (dev); tests keep state in memory */
  stateFile?: string;
  /** receives one line per API call, event and delivery problem; prefix "[stripe]" in dev. Without it, only warnings reach console.warn */
  log?: (line: string) => void;
  /** waits between delivery attempts of one event; default 50 ms, 200 ms, 1 s, 2 s, 4 s, 8 s, 16 s (8 attempts) */
  retryDelaysMs?: number[];
};

export type DeliverySettings = {
  duplicates?: boolean;
  reorder?: boolean;
  delayMs?: number;
  paused?: boolean;
  failNextPayment?: boolean;
};

export type StripeFakeActions = {
  /**
   * what the hosted page's Pay button does; rejects with a card error when failNextPayment is set.
   * `at` (a past time) dates the payment, the subscription's first period and their events then,
   * as if the buyer had paid that day (the demo data's subscription started days ago).
   */
  pay(checkoutSessionId: string, opts?: { at?: Date }): Promise<void>;
  /** what the hosted page's Cancel link does: like Stripe, the session stays open until it expires */
  cancelCheckout(checkoutSessionId: string): Promise<void>;
  /** next billing period: a new invoice, paid or failed (or the end of a subscription set to cancel at period end) */
  advanceSubscription(subscriptionId: string, opts?: { fail?: boolean }): Promise<void>;
  /** pays a failed (open) invoice, as dunning recovery does; rejects with a card error if the attempt fails */
  retryInvoice(invoiceId: string): Promise<void>;
  /** like a dashboard refund: charge.refunded + refund.created; the whole unrefunded amount by default */
  refundCharge(chargeId: string, amount?: number): Promise<void>;
  /** a mid-period change's proration invoice (billing_reason subscription_update), paid at once; returns its id */
  invoiceProration(subscriptionId: string, amount: number): Promise<string>;
  /** what the hosted onboarding page's "Complete onboarding" does: details submitted, payouts and charges enabled, account.updated to the Connect endpoints */
  completeOnboarding(accountId: string): Promise<void>;
  /** as if the account's open onboarding links had outlived their five minutes: a visit now goes to refresh_url */
  expireAccountLinks(accountId: string): Promise<void>;
  /** reverses a transfer (all of what is left by default), as a dashboard reversal does: transfer.reversed to the platform endpoint; returns the reversal id */
  reverseTransfer(transferId: string, amount?: number): Promise<string>;
  /** Express accounts that finished onboarding (transfers active), made in-process without HTTP (benchmarks); returns their ids */
  seedOnboardedAccounts(count: number): string[];
  /** forgets every idempotency key, as Stripe does after 24 hours: a repeated key then makes a new object */
  forgetIdempotencyKeys(): void;
  /** every API answer waits a random time in [minMs, maxMs] after it is computed (0 and 0 to stop) */
  setApiLatency(opts: { minMs: number; maxMs: number }): void;
  setDelivery(opts: DeliverySettings): void;
  /** resolves when every queued event was delivered (2xx) or given up; throws while delivery is paused */
  flushDeliveries(): Promise<void>;
  /** every event created, in creation order */
  events(): Stripe.Event[];
  /** (re)delivers one event now, signed, to its endpoints; the status of the first endpoint that did not answer 2xx, else the last */
  deliverEvent(eventId: string): Promise<{ status: number }>;
  /** forgets every object, event, idempotency key and queued delivery; delivery settings back to defaults */
  reset(): void;
};

export type StripeFake = StripeFakeActions & {
  url: string;
  host: string;
  port: number;
  stop(): Promise<void>;
};
