// GET /: a small dashboard of the fake's state with buttons for what is hard to reach by hand in
// dev (renewals, failed payments, retries, refunds, redelivery).
import type Stripe from "stripe";
import { idOf, type FakeContext } from "./context";
import { date, money, page, pill } from "./html";
import { esc, sendHtml } from "./http-util";
import type { PageHandler } from "./server";

// The controls answer a form post that carries ?redirect=/ with a redirect back here.
function button(action: string, label: string, extra = "", cls = "secondary") {
  const submit = `<button class="${cls}" type="submit">${esc(label)}</button>`;
  return `<form class="inline" method="post" action="${esc(action)}?redirect=/">${extra}${submit}</form>`;
}

function table(title: string, head: string[], rows: string[][], empty: string) {
  const thead = `<thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>`;
  const tbody = `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody>`;
  const content = rows.length ? `<table>${thead}${tbody}</table>` : `<p class="muted">${esc(empty)}</p>`;
  return `<section class="card" aria-label="${esc(title)}"><h2>${esc(title)}</h2>${content}</section>`;
}

const code = (s: string | null | undefined) => (s ? `<code>${esc(s)}</code>` : "—");
const time = (s: number) => new Date(s * 1000).toISOString().slice(11, 19);

function deliveryForm(ctx: FakeContext, opts: { duplicates: boolean; reorder: boolean; paused: boolean; delayMs: number }) {
  // The hidden "false" comes first so that an unticked box switches its setting off.
  const box = (name: string, label: string, on: boolean) => `<label style="display:inline-flex;gap:6px;margin-right:16px">
  <input type="hidden" name="${name}" value="false">
  <input style="width:auto" type="checkbox" name="${name}" value="true"${on ? " checked" : ""}>${esc(label)}</label>`;
  return `<section class="card" aria-label="Delivery"><h2>Webhook delivery</h2>
<form method="post" action="/_fake/delivery?redirect=/">
${box("paused", "Paused", opts.paused)}
${box("duplicates", "Deliver twice", opts.duplicates)}
${box("reorder", "Shuffle order", opts.reorder)}
${box("failNextPayment", "Fail next payment", ctx.failNextPayment)}
<label style="display:inline-flex;gap:6px;align-items:center">Delay (ms) <input style="width:90px" name="delayMs" value="${opts.delayMs}"></label>
<button type="submit">Save</button></form></section>`;
}

export function dashboardHandler(ctx: FakeContext): PageHandler {
  return async (req, res, url) => {
    if (url.pathname !== "/" || req.method !== "GET") return false;
    const { store } = ctx;
    const newest = <T extends { id: string; object: string }>(name: string) => store.all<T>(name).reverse().slice(0, 50);
    const subs = newest<Stripe.Subscription>("subscription").map((s) => {
      const item = s.items.data[0]!;
      const advance = `/_fake/subscriptions/${s.id}/advance`;
      const buttons = `${button(advance, "Advance period")} ${button(advance, "Advance (fail payment)", `<input type="hidden" name="fail" value="true">`)}`;
      return [
        code(s.id),
        code(idOf(s.customer)),
        pill(s.status),
        `${date(item.current_period_start)} –<br>${date(item.current_period_end)}${s.cancel_at_period_end ? "<br>(cancels at end)" : ""}`,
        Object.entries(s.metadata).map(([k, v]) => `${esc(k)}=${esc(v)}`).join("<br>"),
        s.status === "canceled" ? "" : buttons,
      ];
    });
    const invoices = newest<Stripe.Invoice>("invoice").map((i) => [
      `<a href="/invoices/${esc(i.id)}">${esc(i.number ?? i.id)}</a>`,
      code(idOf(i.parent?.subscription_details?.subscription)),
      esc(i.billing_reason),
      money(i.total, i.currency),
      pill(i.status),
      `${esc(i.attempt_count)}`,
      i.status === "open" ? button(`/_fake/invoices/${i.id}/retry`, "Retry payment") : "",
    ]);
    const charges = newest<Stripe.Charge>("charge").map((c) => [
      code(c.id),
      money(c.amount, c.currency),
      pill(c.status),
      c.amount_refunded ? money(c.amount_refunded, c.currency) : "—",
      c.status === "succeeded" && c.amount_refunded < c.amount ? button(`/_fake/charges/${c.id}/refund`, "Refund") : "",
    ]);
    const events = [...store.state.events].reverse().slice(0, 60).map((e) => {
      const deliveries = store.state.deliveries[e.id] ?? [];
      const status = deliveries.map((d) => `${pill(d.status)} <span class="muted">${d.attempts}× ${d.lastStatus ?? esc(d.lastError ?? "")}</span>`);
      return [
        time(e.created),
        code(e.id),
        `${esc(e.type)}${e.account ? ` <span class="muted">(${esc(e.account)})</span>` : ""}`,
        deliveries.length ? status.join("<br>") : `<span class="muted">no endpoint</span>`,
        deliveries.length ? button(`/_fake/events/${e.id}/deliver`, "Redeliver") : "",
      ];
    });
    const body = [
      `<div class="card"><h1>Pack Market Stripe fake</h1>
<p class="muted">A dev/test-only stand-in for Stripe (API 2026-10-28.endive). Point the SDK at <code>${esc(ctx.baseUrl)}</code>.</p>
${button("/_fake/reset", "Reset all state", "", "danger")}</div>`,
      deliveryForm(ctx, ctx.bus.getOptions()),
      table(
        "Subscriptions",
        ["id", "customer", "status", "period", "metadata", ""],
        subs,
        "No subscriptions yet: buy a pack in the app.",
      ),
      table("Invoices", ["number", "subscription", "reason", "total", "status", "attempts", ""], invoices, "No invoices yet."),
      table("Charges", ["id", "amount", "status", "refunded", ""], charges, "No charges yet."),
      table(
        "Open checkout sessions",
        ["id", "amount", ""],
        newest<Stripe.Checkout.Session>("checkout.session")
          .filter((s) => s.status === "open")
          .map((s) => [code(s.id), money(s.amount_total, s.currency), `<a href="/checkout/${esc(s.id)}">Open page</a>`]),
        "None.",
      ),
      table(
        "Customers",
        ["id", "email", "created"],
        newest<Stripe.Customer>("customer").map((c) => [code(c.id), esc(c.email), date(c.created)]),
        "No customers yet.",
      ),
      table(
        "Connect accounts",
        ["id", "metadata", "details submitted", "payouts", ""],
        newest<Stripe.Account>("account").map((a) => [
          code(a.id),
          Object.entries(a.metadata ?? {}).map(([k, v]) => `${esc(k)}=${esc(v)}`).join("<br>"),
          String(a.details_submitted),
          String(a.payouts_enabled),
          a.payouts_enabled
            ? `<a href="/connect/express/${esc(a.id)}">Express dashboard</a>`
            : `${button(`/_fake/accounts/${a.id}/complete-onboarding`, "Complete onboarding")} ${button(`/_fake/accounts/${a.id}/expire-links`, "Expire links")}`,
        ]),
        "No connected accounts yet.",
      ),
      table(
        "Transfers",
        ["id", "amount", "destination", "group"],
        newest<Stripe.Transfer>("transfer").map((t) => [
          code(t.id),
          money(t.amount, t.currency),
          code(idOf(t.destination)),
          esc(t.transfer_group),
        ]),
        "No transfers yet.",
      ),
      table("Recent events", ["time (UTC)", "id", "type", "delivery", ""], events, "No events yet."),
    ].join("\n");
    sendHtml(
      res,
      200,
      page(
        "Stripe fake dashboard",
        "Pack Market Stripe fake — dev and tests only, no real money moves",
        body,
        url.searchParams.get("flash"),
        true,
      ),
    );
    return true;
  };
}
