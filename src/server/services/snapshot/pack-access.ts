// Whether an org may read a pack's data now: its live subscription to the pack, if that one has
// access (active, trialing, or past due within grace). The caller answers not_found otherwise.
import type { Db } from "~/server/db";
import { hasAccess } from "../subscription/subscription-status";

export async function findReadableSubscription(db: Db, input: { orgId: string; packId: string; now?: Date }) {
  const subscription = await db.buyerSubscription.findFirst({
    // liveSlot is true only on the org's one live subscription to the pack (a trigger keeps it).
    where: { buyerOrgId: input.orgId, packId: input.packId, liveSlot: true },
    select: { id: true, status: true, currentPeriodStart: true, isDuplicate: true },
  });
  return subscription && hasAccess(subscription, input.now) ? subscription : null;
}
