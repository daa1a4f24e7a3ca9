import { stripeConfig } from "~/env";
import { stripeWebhookRoute } from "~/server/stripe/webhook-route";

// The signature is over the exact bytes Stripe sent: Next must not parse the body.
export const config = { api: { bodyParser: false } };

// Events of sellers' connected accounts (account.updated), signed with the Connect endpoint's own
// secret: an event signed with the platform secret is refused here, and the reverse.
export default stripeWebhookRoute(() => stripeConfig().connectWebhookSecret);
