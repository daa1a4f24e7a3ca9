// The hosted Connect onboarding page that an account link points at.
import type Stripe from "stripe";
import { completeOnboarding } from "./connect";
import type { FakeContext } from "./context";
import { FakeStripeError } from "./errors";
import { page } from "./html";
import { esc, redirect, sendHtml } from "./http-util";
import type { PageHandler } from "./server";
import { nowSeconds } from "./store";

const BANNER = "Pack Market test Connect onboarding — no real identity is checked and no money moves";

export function connectPagesHandler(ctx: FakeContext): PageHandler {
  return async (req, res, url) => {
    const m = /^\/connect\/onboard\/([^/]+)(\/complete)?$/.exec(url.pathname);
    if (!m) return false;
    const accountId = decodeURIComponent(m[1]!);
    let account: Stripe.Account;
    try {
      account = ctx.store.get<Stripe.Account>("account", accountId, "account");
    } catch (error) {
      if (!(error instanceof FakeStripeError)) throw error;
      sendHtml(res, 404, page("Not found", BANNER, `<div class="card"><p>${esc(error.message)}</p></div>`));
      return true;
    }
    const link = ctx.store.state.accountLinks[accountId];
    if (!link) {
      sendHtml(
        res,
        410,
        page(
          "Link expired",
          BANNER,
          `<div class="card"><h1>This onboarding link has expired or was already used.</h1><p>Go back to Pack Market and start onboarding again.</p></div>`,
        ),
      );
      return true;
    }
    // Like Stripe, an expired link sends the user to refresh_url, where the app makes a new one.
    if (link.expiresAt < nowSeconds()) {
      delete ctx.store.state.accountLinks[accountId];
      ctx.store.changed();
      redirect(res, link.refreshUrl);
      return true;
    }
    if (m[2] && req.method === "POST") {
      // Account links are single-use.
      delete ctx.store.state.accountLinks[accountId];
      completeOnboarding(ctx, accountId);
      redirect(res, link.returnUrl);
      return true;
    }
    const body = `<div class="card"><h1>Set up payouts</h1>
<p class="muted">Express account <code>${esc(account.id)}</code>${account.email ? ` for ${esc(account.email)}` : ""}</p>
<label for="name">Legal name</label><input id="name" value="Test Seller" readonly>
<label for="bank">Bank account (test)</label><input id="bank" value="STRIPE TEST BANK •••• 6789" readonly>
<p>Status: ${account.details_submitted ? "details submitted" : "details not submitted yet"}, payouts ${account.payouts_enabled ? "enabled" : "not enabled"}.</p>
<form method="post" action="/connect/onboard/${encodeURIComponent(account.id)}/complete"><button type="submit">Complete onboarding</button></form>
<p><a href="${esc(link.returnUrl)}">Return without finishing</a></p></div>`;
    sendHtml(res, 200, page("Pack Market test Connect onboarding", BANNER, body));
    return true;
  };
}
