// The org's Connect status as last recorded (by the callback or account.updated): no Stripe call.
import type { Db } from "~/server/db";
import { connectProfileSelect, connectStatusOf, type ConnectStatus } from "./connect-schemas";

export async function getConnectStatus(db: Db, input: { orgId: string }): Promise<ConnectStatus> {
  const profile = await db.orgBillingProfile.findUnique({ where: { orgId: input.orgId }, select: connectProfileSelect });
  return connectStatusOf(profile);
}
