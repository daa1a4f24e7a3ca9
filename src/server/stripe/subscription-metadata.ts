// What we put on a Stripe subscription (through Checkout's subscription_data.metadata) so any
// later event can be tied back to a buyer org, pack and tier without trusting event order.
import { z } from "zod";

export const ZSubscriptionMetadata = z.object({
  buyerOrgId: z.string().min(1),
  packId: z.string().min(1),
  tierId: z.string().min(1),
});

export type SubscriptionMetadata = z.infer<typeof ZSubscriptionMetadata>;

export function readSubscriptionMetadata(metadata: Record<string, string> | null | undefined): SubscriptionMetadata | null {
  const parsed = ZSubscriptionMetadata.safeParse(metadata ?? {});
  return parsed.success ? parsed.data : null;
}
