// Charges and refunds: what a card payment leaves behind.
import type Stripe from "stripe";
import { newId, nowSeconds, randomToken } from "./store";

export const TEST_CARD = { brand: "visa", last4: "4242", expMonth: 12, expYear: new Date().getUTCFullYear() + 8 };

export function buildCharge(input: {
  amount: number;
  currency: string;
  customer: string;
  email: string | null;
  description: string;
  paymentIntent: string;
  paymentMethod: string;
  succeeded: boolean;
  receiptUrl: string | null;
}): Stripe.Charge {
  const ok = input.succeeded;
  return {
    id: newId("ch", 24),
    object: "charge",
    amount: input.amount,
    amount_captured: ok ? input.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: ok ? newId("txn", 24) : null,
    billing_details: {
      address: { city: null, country: "US", line1: null, line2: null, postal_code: "42424", state: null },
      email: input.email,
      name: null,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: "PACK MARKET",
    captured: ok,
    created: nowSeconds(),
    currency: input.currency,
    customer: input.customer,
    description: input.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: ok ? null : "card_declined",
    failure_message: ok ? null : "Your card was declined.",
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: ok
      ? {
          advice_code: null,
          network_advice_code: null,
          network_decline_code: null,
          network_status: "approved_by_network",
          reason: null,
          risk_level: "normal",
          risk_score: 32,
          seller_message: "Payment complete.",
          type: "authorized",
        }
      : {
          advice_code: "try_again_later",
          network_advice_code: null,
          network_decline_code: null,
          network_status: "declined_by_network",
          reason: "generic_decline",
          risk_level: "normal",
          risk_score: 40,
          seller_message: "The bank did not return any further details with this decline.",
          type: "issuer_declined",
        },
    paid: ok,
    payment_intent: input.paymentIntent,
    payment_method: input.paymentMethod,
    payment_method_details: {
      card: {
        amount_authorized: ok ? input.amount : null,
        authorization_code: ok ? randomToken(6).toUpperCase() : null,
        brand: TEST_CARD.brand,
        checks: { address_line1_check: null, address_postal_code_check: "pass", cvc_check: "pass" },
        country: "US",
        electronic_commerce_indicator: null,
        exp_month: TEST_CARD.expMonth,
        exp_year: TEST_CARD.expYear,
        fingerprint: "FakeFingerprint4242",
        funding: "credit",
        installments: null,
        last4: TEST_CARD.last4,
        mandate: null,
        network: "visa",
        network_transaction_id: ok ? String(Date.now()) : null,
        regulated_status: "unregulated",
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
      type: "card",
    },
    receipt_email: null,
    receipt_number: null,
    receipt_url: ok ? input.receiptUrl : null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: ok ? "succeeded" : "failed",
    transfer_data: null,
    transfer_group: null,
  };
}

export function buildRefund(input: {
  charge: Stripe.Charge;
  amount: number;
  reason: Stripe.Refund.Reason | null;
  metadata: Record<string, string>;
}): Stripe.Refund {
  const { charge } = input;
  return {
    id: newId("re", 24),
    object: "refund",
    amount: input.amount,
    balance_transaction: newId("txn", 24),
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    customer: typeof charge.customer === "string" ? charge.customer : (charge.customer?.id ?? null),
    customer_account: null,
    metadata: input.metadata,
    payment_intent: typeof charge.payment_intent === "string" ? charge.payment_intent : (charge.payment_intent?.id ?? null),
    payment_method: charge.payment_method,
    reason: input.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
}
