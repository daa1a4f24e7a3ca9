import type Stripe from "stripe";
import type { Prisma } from "~/server/db";

export type Tx = Prisma.TransactionClient;

export type StripeEventOf<T extends Stripe.Event.Type> = Extract<Stripe.Event, { type: T }>;

// A handler first loads the newest state from Stripe (outside any transaction), then applies it in
// the event's one transaction. Loading instead of trusting the payload is what makes late,
// duplicated and reordered events converge on the same rows.
export type StripeEventHandler<T extends Stripe.Event.Type = Stripe.Event.Type, Loaded = unknown> = {
  load: (stripe: Stripe, event: StripeEventOf<T>) => Promise<Loaded>;
  apply: (tx: Tx, loaded: Loaded, event: StripeEventOf<T>) => Promise<void>;
  // Whether slow follow-up work (an Inngest function) runs for this event.
  followUp?: boolean;
};

export function defineHandler<T extends Stripe.Event.Type, Loaded>(
  _type: T,
  handler: StripeEventHandler<T, Loaded>,
): StripeEventHandler<T, Loaded> {
  return handler;
}
