// The hosted pages' shared frame: one small stylesheet, no scripts, nothing fetched from outside.
import type Stripe from "stripe";
import { esc } from "./http-util";
import { formatAmount } from "./objects-billing";

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f8fa}
.banner{background:#635bff;color:#fff;padding:8px 16px;font-size:13px;text-align:center}
main{max-width:880px;margin:32px auto;padding:0 16px}
.card{background:#fff;border:1px solid #e3e8ee;border-radius:8px;padding:24px;margin-bottom:16px}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:24px}@media(max-width:700px){.grid{grid-template-columns:1fr}}
h1{font-size:22px;margin:0 0 8px}h2{font-size:16px;margin:0 0 12px}.muted{color:#697386}.big{font-size:32px;font-weight:600}
label{display:block;font-size:13px;color:#4f566b;margin:12px 0 4px}input{width:100%;padding:8px 10px;border:1px solid #d1d5db;border-radius:6px;font:inherit;background:#fafbfc}
.row{display:flex;gap:8px}.row>*{flex:1}
button,.button{display:inline-block;border:0;border-radius:6px;padding:9px 16px;font:inherit;font-weight:600;cursor:pointer;background:#635bff;color:#fff;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#1a1f36;border:1px solid #d1d5db}button.danger{background:#df1b41}
form.inline{display:inline}.pay{width:100%;margin-top:20px;padding:12px}
.error{background:#fdecea;color:#a4151f;border:1px solid #f5c2c7;border-radius:6px;padding:10px 12px;margin:12px 0}
.flash{background:#e6f6ec;color:#0e6245;border:1px solid #b7e4c7;border-radius:6px;padding:10px 12px;margin-bottom:16px}
table{width:100%;border-collapse:collapse;font-size:13px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eef0f3;vertical-align:top}th{color:#697386;font-weight:500}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f1f3f5;padding:1px 4px;border-radius:4px}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:#eef0f3}.pill.ok{background:#d7f7c2;color:#05690d}.pill.bad{background:#ffe7f2;color:#b3093c}.pill.warn{background:#fcedb9;color:#a82c00}
a{color:#635bff}main.wide{max-width:1280px}td button{padding:4px 10px;font-size:12px;white-space:nowrap;margin:1px 0}`;

export function page(title: string, banner: string, body: string, flash?: string | null, wide = false): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body><div class="banner" role="note">${esc(banner)}</div><main${wide ? ' class="wide"' : ""}>
${flash ? `<div class="flash" role="status">${esc(flash)}</div>` : ""}${body}</main></body></html>`;
}

export const money = (amount: number | null | undefined, currency: string | null | undefined) => formatAmount(amount ?? 0, currency ?? "usd");

export function date(seconds: number | null | undefined): string {
  if (!seconds) return "—";
  const options = { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" } as const;
  return new Date(seconds * 1000).toLocaleDateString("en-US", options);
}

const GOOD = ["active", "paid", "succeeded", "delivered", "complete"];
const BAD = ["past_due", "failed", "canceled", "unpaid", "expired"];
const PENDING = ["open", "pending", "incomplete"];

export function pill(status: string | null | undefined): string {
  const s = status ?? "unknown";
  const kind = GOOD.includes(s) ? "ok" : BAD.includes(s) ? "bad" : PENDING.includes(s) ? "warn" : "";
  return `<span class="pill ${kind}">${esc(s)}</span>`;
}

// "$49.00 per month", optionally with the amount large (the checkout page's headline).
export function priceLabel(price: Stripe.Price | null, big = false): string {
  const interval = price?.recurring?.interval ?? "month";
  const count = price?.recurring?.interval_count ?? 1;
  const every = count === 1 ? `per ${interval}` : `every ${count} ${interval}s`;
  const amount = money(price?.unit_amount, price?.currency);
  return big ? `<span class="big">${amount}</span> <span class="muted">${every}</span>` : `${amount} ${every}`;
}
