import { getSqlPool } from "~/server/sql-pool";
import { appUrl } from "~/env";
import { getStripe } from "../stripe/client";
import { createBillingPortalSession } from "../services/subscription/create-billing-portal-session";
import { createCheckoutSession } from "../services/subscription/create-checkout-session";
import { getCheckoutStatus } from "../services/subscription/get-checkout-status";
import { changeSubscriptionTier } from "../services/subscription/change-subscription-tier";
import { getPackSubscription, listSubscribedPackIds } from "../services/subscription/get-pack-subscription";
import { listMyPacks } from "../services/subscription/list-my-packs";
import {
  ZBillingPortal,
  ZBillingPortalInput,
  ZChangeTierInput,
  ZChangeTierResult,
  ZCheckoutSession,
  ZCheckoutStatus,
  ZCheckoutStatusInput,
  ZCreateCheckoutInput,
  ZMyPacks,
  ZPackSubscriptionInput,
  ZPackSubscriptionResult,
  ZSubscribedPackIds,
} from "../services/subscription/subscription-schemas";
import { orgAdminProcedure, orgProcedure, router } from "../trpc";
import { z } from "zod";

export const subscriptionRouter = router({
  createCheckout: orgAdminProcedure
    .meta({ openapi: { method: "POST", path: "/marketplace/packs/{packId}/checkout-session", tags: ["Buying"], summary: "Start Stripe Checkout for a pack tier", protect: true } })
    .input(ZCreateCheckoutInput)
    .output(ZCheckoutSession)
    .mutation(({ ctx, input }) =>
      createCheckoutSession(ctx.db, getStripe(), {
        ...input,
        orgId: ctx.org.id,
        orgName: ctx.org.name,
        userEmail: ctx.session.user.email,
        appUrl: appUrl(ctx.requestHost),
      }),
    ),

  checkoutStatus: orgProcedure
    .meta({ openapi: { method: "GET", path: "/marketplace/checkout-sessions/{sessionId}", tags: ["Buying"], summary: "Whether a checkout has become a subscription", protect: true } })
    .input(ZCheckoutStatusInput)
    .output(ZCheckoutStatus)
    .query(({ ctx, input }) => getCheckoutStatus(ctx.db, getStripe(), { orgId: ctx.org.id, sessionId: input.sessionId })),

  myPacks: orgProcedure
    .meta({ openapi: { method: "GET", path: "/marketplace/my-packs", tags: ["Buying"], summary: "Your subscriptions with usage against quota", protect: true } })
    .input(z.void())
    .output(ZMyPacks)
    .query(({ ctx }) => listMyPacks(getSqlPool(), { orgId: ctx.org.id })),

  billingPortal: orgAdminProcedure
    .meta({ openapi: { method: "POST", path: "/marketplace/billing-portal", tags: ["Buying"], summary: "A Stripe customer portal link (change card, cancel)", protect: true } })
    .input(ZBillingPortalInput)
    .output(ZBillingPortal)
    .mutation(({ ctx, input }) =>
      createBillingPortalSession(ctx.db, getStripe(), {
        orgId: ctx.org.id,
        returnUrl: `${appUrl(ctx.requestHost)}${input.returnPath ?? "/app/marketplace/my-packs"}`,
      }),
    ),

  // Which packs the active org subscribes to: the catalogue's "Subscribed" badges (the catalogue
  // itself is the same for everyone).
  subscribedPackIds: orgProcedure
    .meta({ openapi: { method: "GET", path: "/marketplace/subscribed-packs", tags: ["Buying"], summary: "Ids of the packs your org subscribes to", protect: true } })
    .input(z.void())
    .output(ZSubscribedPackIds)
    .query(async ({ ctx }) => ({ packIds: await listSubscribedPackIds(ctx.db, { orgId: ctx.org.id }) })),

  forPack: orgProcedure
    .meta({ openapi: { method: "GET", path: "/marketplace/packs/{packId}/subscription", tags: ["Buying"], summary: "Your subscription to a pack: tier, period, a scheduled tier change", protect: true } })
    .input(ZPackSubscriptionInput)
    .output(ZPackSubscriptionResult)
    .query(async ({ ctx, input }) => ({ subscription: await getPackSubscription(ctx.db, { orgId: ctx.org.id, packId: input.packId }) })),

  changeTier: orgAdminProcedure
    .meta({ openapi: { method: "POST", path: "/marketplace/packs/{packId}/tier", tags: ["Buying"], summary: "Change tier: an upgrade now (prorated), a downgrade at the period's end", protect: true } })
    .input(ZChangeTierInput)
    .output(ZChangeTierResult)
    .mutation(({ ctx, input }) => changeSubscriptionTier(ctx.db, getStripe(), { ...input, orgId: ctx.org.id })),
});
