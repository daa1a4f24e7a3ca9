import { stripeConfig } from "~/env";
import { stripeWebhookRoute } from "~/server/stripe/webhook-route";

// The signature is over the exact bytes Stripe sent: Next must not parse the body.
export const config = { api: { bodyParser: false } };

// The platform's events (checkout, invoices, subscriptions, refunds).
export default stripeWebhookRoute(() => stripeConfig().webhookSecret);
