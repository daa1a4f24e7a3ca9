import { z } from "zod";
import { appUrl } from "~/env";
import { completeConnectCallback } from "../services/connect/complete-connect-callback";
import { ZConnectCallback, ZConnectLink, ZConnectStatus, ZDashboardLink } from "../services/connect/connect-schemas";
import { createConnectLink } from "../services/connect/create-connect-link";
import { createDashboardLink } from "../services/connect/create-dashboard-link";
import { getConnectStatus } from "../services/connect/get-connect-status";
import { getStripe } from "../stripe/client";
import { orgAdminProcedure, orgProcedure, router } from "../trpc";

// Stripe Connect for sellers: the Express account their payouts go to. Every member sees where the
// org stands; only its admins and owners connect it or open its dashboard.
export const connectRouter = router({
  status: orgProcedure
    .meta({ openapi: { method: "GET", path: "/marketplace/payouts/connect", tags: ["Selling"], summary: "Whether the org's Stripe account is connected and can receive payouts", protect: true } })
    .input(z.void())
    .output(ZConnectStatus)
    .query(({ ctx }) => getConnectStatus(ctx.db, { orgId: ctx.org.id })),

  link: orgAdminProcedure
    .meta({ openapi: { method: "POST", path: "/marketplace/payouts/connect-link", tags: ["Selling"], summary: "Create (or reuse) the org's Stripe Express account and return a fresh onboarding link", protect: true } })
    .input(z.void())
    .output(ZConnectLink)
    .mutation(({ ctx }) => createConnectLink(ctx.db, getStripe(), { orgId: ctx.org.id, appUrl: appUrl() })),

  callback: orgAdminProcedure
    .meta({ openapi: { method: "GET", path: "/marketplace/payouts/connect/callback", tags: ["Selling"], summary: "After onboarding: ask Stripe for the account's state, record it and return it", protect: true } })
    .input(z.void())
    .output(ZConnectCallback)
    .query(({ ctx }) => completeConnectCallback(ctx.db, getStripe(), { orgId: ctx.org.id })),

  dashboardLink: orgAdminProcedure
    .meta({ openapi: { method: "POST", path: "/marketplace/payouts/connect/dashboard-link", tags: ["Selling"], summary: "A one-time login link to the connected account's Stripe Express dashboard", protect: true } })
    .input(z.void())
    .output(ZDashboardLink)
    .mutation(({ ctx }) => createDashboardLink(ctx.db, getStripe(), { orgId: ctx.org.id })),
});
