import { z } from "zod";

// Where an org stands with Stripe Connect, as the payouts page's badge shows it.
export const ZConnectState = z.enum(["not_connected", "onboarding_incomplete", "payouts_enabled"]);

export const ZConnectStatus = z.object({
  state: ZConnectState,
  // The org's Express account, once one exists.
  accountId: z.string().nullable(),
  detailsSubmitted: z.boolean(),
  payoutsEnabled: z.boolean(),
});

// The callback re-asks Stripe, so it can also say what Stripe still needs.
export const ZConnectCallback = ZConnectStatus.extend({
  // Stripe's names of the requirements still due (e.g. "external_account"); empty when none.
  requirementsDue: z.array(z.string()),
});

export const ZConnectLink = z.object({
  url: z.string().url(),
  accountId: z.string(),
  expiresAt: z.date(),
});

export const ZDashboardLink = z.object({ url: z.string().url() });

export type ConnectState = z.infer<typeof ZConnectState>;
export type ConnectStatus = z.infer<typeof ZConnectStatus>;
export type ConnectCallback = z.infer<typeof ZConnectCallback>;

export function connectStatusOf(profile: { stripeConnectId: string | null; connectDetailsSubmitted: boolean; connectPayoutsEnabled: boolean } | null): ConnectStatus {
  const accountId = profile?.stripeConnectId ?? null;
  const detailsSubmitted = Boolean(accountId && profile?.connectDetailsSubmitted);
  const payoutsEnabled = Boolean(accountId && profile?.connectPayoutsEnabled);
  const state: ConnectState = !accountId ? "not_connected" : payoutsEnabled ? "payouts_enabled" : "onboarding_incomplete";
  return { state, accountId, detailsSubmitted, payoutsEnabled };
}

export const connectProfileSelect = { stripeConnectId: true, connectDetailsSubmitted: true, connectPayoutsEnabled: true } as const;
