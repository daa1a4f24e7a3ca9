import type Stripe from "stripe";
import type { Prisma } from "~/server/db";

export type Tx = Prisma.TransactionClient;

export type StripeEventOf<T extends Stripe.Event.Type> = Extract<Stripe.Event, { type: T }>;

// What a handler found there was nothing for us to do, and why (stored on the event).
export type HandlerOutcome = { ignored: string } | void;

// Every handled event is about one Stripe subscription. The one rule that makes concurrent, late,
// repeated and reordered events converge (src/server/stripe/process-event.ts):
// 1. `subscriptionOf` names the subscription from ids that never change (the payload is fine for
//    those); null means the event is not about anything of ours.
// 2. process-event takes that subscription's lock, in the event's transaction.
// 3. `apply`, holding the lock, fetches the current objects from Stripe (never before the lock) and
//    converges our rows on them through the services. Whoever holds the lock later fetched later,
//    so an older state can never be written over a newer one.
export type StripeEventHandler<T extends Stripe.Event.Type = Stripe.Event.Type> = {
  subscriptionOf: (stripe: Stripe, event: StripeEventOf<T>) => Promise<string | null>;
  apply: (ctx: { tx: Tx; stripe: Stripe; event: StripeEventOf<T>; subscriptionId: string }) => Promise<HandlerOutcome>;
  // Whether slow follow-up work (an Inngest function) runs for this event.
  followUp?: boolean;
  // The lock taken for what `subscriptionOf` named; `stripe-subscription:<id>` unless said. Payout
  // events (transfer.reversed) name the payout key instead and share the payout run's lock on it.
  lockName?: (id: string) => string;
};

// Events of connected accounts (the Connect endpoint; `event.account` is set) are about one
// account instead, and follow the same rule with the account's lock.
export type ConnectEventHandler<T extends Stripe.Event.Type = Stripe.Event.Type> = {
  accountOf: (event: StripeEventOf<T>) => string | null;
  apply: (ctx: { tx: Tx; stripe: Stripe; event: StripeEventOf<T>; accountId: string }) => Promise<HandlerOutcome>;
};

export function defineHandler<T extends Stripe.Event.Type>(_type: T, handler: StripeEventHandler<T>): StripeEventHandler<T> {
  return handler;
}

export const NOT_OURS = "The subscription carries no Pack Market metadata: not one of ours.";
