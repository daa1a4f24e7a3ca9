// The hosted Connect pages: onboarding, which an account link points at, and the Express
// dashboard, which a login link points at.
import type { ServerResponse } from "node:http";
import type Stripe from "stripe";
import { completeOnboarding } from "./connect";
import type { FakeContext } from "./context";
import { FakeStripeError } from "./errors";
import { date, money, page, pill } from "./html";
import { esc, redirect, sendHtml } from "./http-util";
import type { PageHandler } from "./server";
import { nowSeconds } from "./store";

const BANNER = "Pack Market test Connect onboarding — no real identity is checked and no money moves";
const DASHBOARD_BANNER = "Pack Market test Express dashboard — no real money moves";

function notFound(res: ServerResponse, message: string) {
  sendHtml(res, 404, page("Not found", BANNER, `<div class="card"><h1>This link is not valid.</h1><p>${esc(message)}</p></div>`));
}

function onboardingPage(account: Stripe.Account, token: string, returnUrl: string): string {
  const action = `/connect/onboard/${encodeURIComponent(account.id)}/${encodeURIComponent(token)}/complete`;
  return `<div class="card"><h1>Set up payouts</h1>
<p class="muted">Express account <code>${esc(account.id)}</code>${account.email ? ` for ${esc(account.email)}` : ""}</p>
<label for="name">Legal name</label><input id="name" value="Test Seller" readonly>
<label for="bank">Bank account (test)</label><input id="bank" value="STRIPE TEST BANK •••• 6789" readonly>
<p>Status: ${account.details_submitted ? "details submitted" : "details not submitted yet"}, payouts ${account.payouts_enabled ? "enabled" : "not enabled"}.</p>
<form method="post" action="${esc(action)}"><button type="submit">Complete onboarding</button></form>
<p><a href="${esc(returnUrl)}">Return without finishing</a></p></div>`;
}

function expressDashboard(ctx: FakeContext, account: Stripe.Account): string {
  const transfers = ctx.store
    .all<Stripe.Transfer>("transfer")
    .filter((t) => t.destination === account.id)
    .reverse();
  const rows = transfers
    .map((t) => `<tr><td><code>${esc(t.id)}</code></td><td>${date(t.created)}</td><td>${money(t.amount - t.amount_reversed, t.currency)}</td><td>${esc(t.transfer_group ?? "")}</td><td>${pill(t.reversed ? "reversed" : "paid")}</td></tr>`)
    .join("");
  const total = transfers.reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
  return `<div class="card"><h1>Express dashboard</h1>
<p class="muted">Account <code>${esc(account.id)}</code> · payouts ${account.payouts_enabled ? pill("active") : pill("pending")}</p>
<p>Received from the platform: <strong>${money(total, account.default_currency)}</strong></p></div>
<section class="card" aria-label="Transfers"><h2>Transfers</h2>${
    rows ? `<table><thead><tr><th>id</th><th>date</th><th>amount</th><th>group</th><th>status</th></tr></thead><tbody>${rows}</tbody></table>` : `<p class="muted">No transfers yet.</p>`
  }</section>`;
}

export function connectPagesHandler(ctx: FakeContext): PageHandler {
  return async (req, res, url) => {
    const dashboard = /^\/connect\/express\/([^/]+)$/.exec(url.pathname);
    const onboard = /^\/connect\/onboard\/([^/]+)\/([^/]+)(\/complete)?$/.exec(url.pathname);
    if (!dashboard && !onboard) return false;
    let account: Stripe.Account;
    try {
      account = ctx.store.get<Stripe.Account>("account", decodeURIComponent((dashboard ?? onboard)![1]!), "account");
    } catch (error) {
      if (!(error instanceof FakeStripeError)) throw error;
      notFound(res, error.message);
      return true;
    }
    if (dashboard) {
      sendHtml(res, 200, page("Express dashboard", DASHBOARD_BANNER, expressDashboard(ctx, account)));
      return true;
    }

    const token = decodeURIComponent(onboard![2]!);
    const link = ctx.store.state.accountLinks[token];
    if (link?.account !== account.id) {
      notFound(res, "Go back to Pack Market and start onboarding again.");
      return true;
    }
    const completing = onboard![3] !== undefined && req.method === "POST";
    // Like Stripe: an expired link, one already used, or (for a page view) one already visited
    // sends the user to refresh_url, where the app makes a new one.
    if (link.expiresAt < nowSeconds() || link.used || (!completing && link.visited)) {
      redirect(res, link.refreshUrl);
      return true;
    }
    if (completing) {
      link.used = true;
      completeOnboarding(ctx, account.id);
      redirect(res, link.returnUrl, 303);
      return true;
    }
    link.visited = true;
    ctx.store.changed();
    sendHtml(res, 200, page("Pack Market test Connect onboarding", BANNER, onboardingPage(account, token, link.returnUrl)));
    return true;
  };
}
