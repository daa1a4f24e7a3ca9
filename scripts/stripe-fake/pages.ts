// Hosted pages standing in for Stripe's: Checkout, the billing portal and invoice receipts.
import type { IncomingMessage, ServerResponse } from "node:http";
import type Stripe from "stripe";
import { replaceDefaultCard, updateSubscription } from "./billing";
import { checkoutLineItems, completeCheckout, expireIfDue } from "./checkout";
import { idOf, NO_REQUEST, type FakeContext } from "./context";
import { FakeStripeError } from "./errors";
import { date, money, page, pill, priceLabel } from "./html";
import { esc, redirect, sendHtml } from "./http-util";
import { TEST_CARD } from "./objects-payments";
import type { PageHandler } from "./server";

const CHECKOUT_BANNER = "Pack Market test checkout — no real card is charged";
const PORTAL_BANNER = "Pack Market test billing portal — no real card is charged";

function checkoutForm(session: Stripe.Checkout.Session, email: string, error: string | null): string {
  const base = `/checkout/${encodeURIComponent(session.id)}`;
  const expiry = `${String(TEST_CARD.expMonth).padStart(2, "0")} / ${String(TEST_CARD.expYear).slice(2)}`;
  const cancel = session.cancel_url ? `<p class="muted" style="text-align:center"><a href="${base}/cancel">Cancel</a></p>` : "";
  return `<form method="post" action="${base}/pay">
  <label for="email">Email</label><input id="email" name="email" value="${esc(email)}" readonly>
  <label for="card">Card information (test card)</label><input id="card" value="4242 4242 4242 4242" readonly>
  <div class="row">
    <div><label for="exp">Expiry</label><input id="exp" value="${expiry}" readonly></div>
    <div><label for="cvc">CVC</label><input id="cvc" value="123" readonly></div>
  </div>
  <label for="name">Name on card</label><input id="name" value="Test Buyer" readonly>
  ${error ? `<div class="error" role="alert">${esc(error)}</div>` : ""}
  <button class="pay" type="submit">Pay</button>
</form>
${cancel}`;
}

function checkoutPage(ctx: FakeContext, session: Stripe.Checkout.Session, error: string | null): string {
  const item = checkoutLineItems(ctx, session).data[0];
  const customer = session.customer ? (ctx.store.find(idOf(session.customer)!) as Stripe.Customer | undefined) : undefined;
  const email = customer?.email ?? session.customer_email ?? "buyer@example.com";
  let action: string;
  if (session.status === "open") {
    action = checkoutForm(session, email, error);
  } else if (session.status === "complete") {
    action = `<h2>This checkout is complete.</h2><a class="button" href="${esc(successUrl(session))}">Continue</a>`;
  } else {
    const back = session.cancel_url ? `<a class="button secondary" href="${esc(session.cancel_url)}">Back</a>` : "";
    action = `<h2>This checkout session has expired.</h2>${back}`;
  }
  const body = `<div class="grid"><section class="card">
  <p class="muted">Subscribe to</p><h1>${esc(item?.description ?? "Subscription")}</h1>
  <p>${priceLabel(item?.price ?? null, true)}</p>
  <table>
    <tr><td>Quantity</td><td>${esc(item?.quantity ?? 1)}</td></tr>
    <tr><th>Total due today</th><th>${money(session.amount_total, session.currency)}</th></tr>
  </table>
  <p class="muted">Session <code>${esc(session.id)}</code></p>
</section><section class="card">${action}</section></div>`;
  return page("Pack Market test checkout", CHECKOUT_BANNER, body);
}

function subscriptionRow(ctx: FakeContext, base: string, s: Stripe.Subscription): string {
  const item = s.items.data[0]!;
  const product = ctx.store.find(idOf(item.price.product) ?? "") as Stripe.Product | undefined;
  const action = `${base}/subscriptions/${encodeURIComponent(s.id)}`;
  let when = `Renews on ${date(item.current_period_end)}`;
  let button = `<form class="inline" method="post" action="${action}/cancel"><button class="secondary" type="submit">Cancel at period end</button></form>`;
  if (s.status === "canceled") {
    when = `Ended ${date(s.ended_at)}`;
    button = "";
  } else if (s.cancel_at_period_end) {
    when = `Cancels on ${date(item.current_period_end)}`;
    button = `<form class="inline" method="post" action="${action}/renew"><button type="submit">Renew</button></form>`;
  }
  const name = `<strong>${esc(product?.name ?? item.price.id)}</strong><br><span class="muted">${priceLabel(item.price)}</span>`;
  return `<tr><td>${name}</td><td>${pill(s.status)}</td><td>${when}</td><td>${button}</td></tr>`;
}

function portalPage(ctx: FakeContext, portal: Stripe.BillingPortal.Session, flash: string | null): string {
  const customer = ctx.store.get<Stripe.Customer>("customer", portal.customer);
  const base = `/billing_portal/${encodeURIComponent(portal.id)}`;
  const subs = ctx.store.all<Stripe.Subscription>("subscription").filter((s) => s.customer === customer.id).reverse();
  const invoices = ctx.store.all<Stripe.Invoice>("invoice").filter((i) => i.customer === customer.id).reverse().slice(0, 12);
  const invoiceRows = invoices.map((i) => {
    const view = i.hosted_invoice_url ? `<a href="/invoices/${esc(i.id)}">View</a>` : "";
    return `<tr><td>${date(i.created)}</td><td>${money(i.total, i.currency)}</td><td>${pill(i.status)}</td><td>${view}</td></tr>`;
  });
  const back = portal.return_url ? `<p><a class="button secondary" href="${esc(portal.return_url)}">Return to Pack Market</a></p>` : "";
  const body = `<div class="card"><h1>Billing</h1><p class="muted">${esc(customer.email ?? customer.id)}</p></div>
<section class="card" aria-label="Subscriptions"><h2>Subscriptions</h2>
  ${subs.length ? `<table>${subs.map((s) => subscriptionRow(ctx, base, s)).join("")}</table>` : `<p class="muted">No subscriptions.</p>`}
</section>
<section class="card" aria-label="Payment method"><h2>Payment method</h2>
  <p>Visa •••• ${TEST_CARD.last4} <span class="muted">(test card)</span></p>
  <form method="post" action="${base}/update_card"><button class="secondary" type="submit">Update card</button></form>
</section>
<section class="card" aria-label="Invoice history"><h2>Invoice history</h2>
  ${invoiceRows.length ? `<table>${invoiceRows.join("")}</table>` : `<p class="muted">No invoices yet.</p>`}
</section>
${back}`;
  return page("Pack Market test billing portal", PORTAL_BANNER, body, flash);
}

function invoicePage(invoice: Stripe.Invoice): string {
  const line = invoice.lines.data[0];
  const paidAt = invoice.status_transitions.paid_at;
  const body = `<div class="card"><h1>Invoice ${esc(invoice.number ?? invoice.id)}</h1><p>${pill(invoice.status)}</p>
<table>
  <tr><td>${esc(line?.description ?? "")}</td><td>${date(line?.period.start)} – ${date(line?.period.end)}</td><td>${money(invoice.total, invoice.currency)}</td></tr>
  <tr><th colspan="2">Amount paid</th><th>${money(invoice.amount_paid, invoice.currency)}</th></tr>
  <tr><th colspan="2">Amount remaining</th><th>${money(invoice.amount_remaining, invoice.currency)}</th></tr>
</table>
<p class="muted">${paidAt ? `Paid ${date(paidAt)}` : `Created ${date(invoice.created)}`}</p></div>`;
  return page(`Invoice ${invoice.number ?? invoice.id}`, "Pack Market test invoice — no real card is charged", body);
}

type Ctx = { ctx: FakeContext; req: IncomingMessage; res: ServerResponse; url: URL };

const successUrl = (session: Stripe.Checkout.Session) => (session.success_url ?? "/").replace("{CHECKOUT_SESSION_ID}", session.id);

function handleCheckout({ ctx, req, res }: Ctx, id: string, action: string | undefined) {
  const session = ctx.store.get<Stripe.Checkout.Session>("checkout.session", id, "session");
  expireIfDue(ctx, session);
  if (action === "cancel") {
    if (session.cancel_url) return redirect(res, session.cancel_url);
    return sendHtml(res, 200, checkoutPage(ctx, session, null));
  }
  if (action === "pay" && req.method === "POST") {
    // A second click on Pay (or a reload of the POST) lands where the first one went.
    if (session.status === "complete") return redirect(res, successUrl(session));
    try {
      completeCheckout(ctx, id);
      return redirect(res, successUrl(session));
    } catch (error) {
      if (!(error instanceof FakeStripeError)) throw error;
      const message = ctx.store.state.checkoutExtras[id]?.error ?? error.message;
      return sendHtml(res, error.status, checkoutPage(ctx, session, message));
    }
  }
  return sendHtml(res, 200, checkoutPage(ctx, session, null));
}

function handlePortal({ ctx, req, res, url }: Ctx, id: string, rest: string[]) {
  const portal = ctx.store.get<Stripe.BillingPortal.Session>("billing_portal.session", id, "session");
  const back = (message: string) => redirect(
    res,
    `/billing_portal/${encodeURIComponent(id)}?flash=${encodeURIComponent(message)}`,
    303,
  );
  if (req.method === "POST" && rest[0] === "update_card") {
    replaceDefaultCard(ctx, portal.customer, NO_REQUEST);
    return back(`Card updated: Visa •••• ${TEST_CARD.last4}.`);
  }
  if (req.method === "POST" && rest[0] === "subscriptions" && rest[1] && (rest[2] === "cancel" || rest[2] === "renew")) {
    const sub = ctx.store.get<Stripe.Subscription>("subscription", rest[1]);
    if (sub.customer !== portal.customer) {
      return sendHtml(res, 404, page("Not found", PORTAL_BANNER, "<p>No such subscription.</p>"));
    }
    updateSubscription(ctx, sub.id, { cancelAtPeriodEnd: rest[2] === "cancel" }, NO_REQUEST);
    return back(rest[2] === "cancel" ? "Your subscription will be canceled at the end of the period." : "Your subscription will renew.");
  }
  return sendHtml(res, 200, portalPage(ctx, portal, url.searchParams.get("flash")));
}

export function pagesHandler(ctx: FakeContext): PageHandler {
  return async (req, res, url) => {
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const c = { ctx, req, res, url };
    try {
      if (parts[0] === "checkout" && parts[1]) handleCheckout(c, parts[1], parts[2]);
      else if (parts[0] === "billing_portal" && parts[1]) handlePortal(c, parts[1], parts.slice(2));
      else if (parts[0] === "invoices" && parts[1] && parts.length === 2) {
        sendHtml(res, 200, invoicePage(ctx.store.get<Stripe.Invoice>("invoice", parts[1])));
      } else return false;
    } catch (error) {
      if (!(error instanceof FakeStripeError)) throw error;
      sendHtml(
        res,
        error.status,
        page("Not found", CHECKOUT_BANNER, `<div class="card"><h1>Not found</h1><p>${esc(error.message)}</p></div>`),
      );
    }
    return true;
  };
}
