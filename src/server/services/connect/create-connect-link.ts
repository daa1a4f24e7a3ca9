// "Connect Stripe Account" / "Continue onboarding": the org's Express account (made once) and a
// fresh onboarding link to it. Links are single-use and expire within minutes, so every click, and
// every visit to the refresh URL, asks Stripe for a new one.
import type Stripe from "stripe";
import type { Db } from "~/server/db";
import { isStripeMissingResource } from "~/server/stripe/client";
import { connectReturnUrls } from "./connect-urls";
import { ensureConnectAccount } from "./ensure-connect-account";
import { forgetConnectAccount } from "./forget-connect-account";

export async function createConnectLink(db: Db, stripe: Stripe, input: { orgId: string; appUrl: string }) {
  const { returnUrl, refreshUrl } = connectReturnUrls(input.appUrl, input.orgId);
  let replacing: string | undefined;
  for (;;) {
    const { accountId } = await ensureConnectAccount(db, stripe, { orgId: input.orgId, replacing });
    try {
      const link = await stripe.accountLinks.create({
        account: accountId,
        type: "account_onboarding",
        return_url: returnUrl,
        refresh_url: refreshUrl,
      });
      return { url: link.url, accountId, expiresAt: new Date(link.expires_at * 1000) };
    } catch (error) {
      // The stored account is gone at Stripe: start over once with a new one.
      if (replacing || !isStripeMissingResource(error)) throw error;
      await forgetConnectAccount(db, { orgId: input.orgId, accountId });
      replacing = accountId;
    }
  }
}
