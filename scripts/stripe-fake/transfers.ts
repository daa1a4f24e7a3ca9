// Transfer reversals (POST /v1/transfers/:id/reversals, and the fake's control), which Stripe
// announces with transfer.reversed on the platform's endpoint. Transfers themselves are made in
// connect.ts.
import type Stripe from "stripe";
import { completeOnboarding, connectRoutes } from "./connect";
import { NO_REQUEST, type FakeContext } from "./context";
import type { EventRequest } from "./events";
import { invalidParam, invalidRequest } from "./errors";
import { int, metadataUpdate } from "./form";
import { route, type ApiRoute } from "./router";
import { newId, nowSeconds } from "./store";

export function reverseTransfer(ctx: FakeContext, transferId: string, input: { amount?: number; metadata?: Record<string, string> }, request: EventRequest | null): Stripe.TransferReversal {
  const transfer = ctx.store.get<Stripe.Transfer>("transfer", transferId, "transfer");
  const remaining = transfer.amount - transfer.amount_reversed;
  if (remaining <= 0) throw invalidRequest(`Transfer ${transfer.id} has already been fully reversed.`, "transfer_already_reversed", "transfer");
  const amount = input.amount ?? remaining;
  if (!Number.isInteger(amount) || amount < 1) throw invalidParam("amount", "Invalid positive integer", "parameter_invalid_integer");
  if (amount > remaining) throw invalidParam("amount", `Amount (${amount}) is greater than the unreversed amount of the transfer (${remaining}).`, "parameter_invalid_integer");
  const reversal: Stripe.TransferReversal = {
    id: newId("trr", 24),
    object: "transfer_reversal",
    amount,
    balance_transaction: newId("txn", 24),
    created: nowSeconds(),
    currency: transfer.currency,
    destination_payment_refund: newId("pyr", 24),
    metadata: input.metadata ?? {},
    source_refund: null,
    transfer: transfer.id,
  };
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed >= transfer.amount;
  transfer.reversals = { ...transfer.reversals, data: [reversal, ...transfer.reversals.data] };
  ctx.store.changed();
  // Stripe sends transfer.reversed for every reversal, partial ones included.
  ctx.bus.emit("transfer.reversed", transfer, { request });
  return reversal;
}

export const transferRoutes: ApiRoute[] = [
  route("POST", "/v1/transfers/:id/reversals", ({ ctx, ids, params: p, request }) =>
    reverseTransfer(ctx, ids[0]!, { amount: int(p, "amount"), metadata: metadataUpdate(p) }, request),
  ),
  route("GET", "/v1/transfers/:id/reversals", ({ ctx, ids }) => ctx.store.get<Stripe.Transfer>("transfer", ids[0], "transfer").reversals),
];

// Express accounts that finished onboarding (transfers active), made in-process: a benchmark's
// 10,000 sellers without 30,000 HTTP round trips. Same objects as the API and onboarding page make.
export function seedOnboardedAccounts(ctx: FakeContext, count: number): string[] {
  const create = connectRoutes.find((r) => r.method === "POST" && r.pattern.test("/v1/accounts"))!;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const account = create.handler({ ctx, params: { type: "express", capabilities: { transfers: { requested: "true" } } }, ids: [], request: NO_REQUEST }) as Stripe.Account;
    completeOnboarding(ctx, account.id);
    ids.push(account.id);
  }
  return ids;
}
