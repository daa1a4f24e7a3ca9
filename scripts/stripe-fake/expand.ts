// `expand[]` and list pagination, shared by every endpoint.
import type Stripe from "stripe";
import { checkoutLineItems } from "./checkout";
import type { FakeContext } from "./context";
import { invalidParam, invalidRequest } from "./errors";
import { int, str, type Params } from "./form";
import { apiList } from "./objects";
import type { StoredObject } from "./store";

type Node = Record<string, unknown>;

// Fields Stripe leaves out unless asked for ("includable"), computed from the store.
function include(ctx: FakeContext, node: Node, field: string): unknown {
  const all = <T extends StoredObject>(name: string) => ctx.store.all<T & StoredObject>(name).reverse();
  if (node.object === "invoice" && field === "payments") {
    return apiList(
      `/v1/invoice_payments?invoice=${String(node.id)}`,
      all<Stripe.InvoicePayment>("invoice_payment").filter((p) => p.invoice === node.id),
    );
  }
  if (node.object === "charge" && field === "refunds") {
    return apiList(`/v1/charges/${String(node.id)}/refunds`, all<Stripe.Refund>("refund").filter((r) => r.charge === node.id));
  }
  if (node.object === "customer" && field === "subscriptions") {
    return apiList(
      `/v1/customers/${String(node.id)}/subscriptions`,
      all<Stripe.Subscription>("subscription").filter((s) => s.customer === node.id),
    );
  }
  if (node.object === "checkout.session" && field === "line_items") {
    return checkoutLineItems(ctx, node as unknown as Stripe.Checkout.Session);
  }
  return undefined;
}

function expandPath(ctx: FakeContext, node: unknown, path: string[]) {
  if (Array.isArray(node)) {
    for (const item of node) expandPath(ctx, item, path);
    return;
  }
  if (!node || typeof node !== "object" || path.length === 0) return;
  const obj = node as Node;
  const [head, ...rest] = path as [string, ...string[]];
  if (head === "data" && obj.object === "list") {
    expandPath(ctx, obj.data, rest);
    return;
  }
  let value = obj[head];
  if (value === undefined) {
    value = include(ctx, obj, head);
    if (value === undefined) throw invalidRequest(`This property cannot be expanded (${head}).`, undefined, "expand");
    obj[head] = value;
  } else if (typeof value === "string") {
    const found = ctx.store.find(value);
    if (!found) throw invalidRequest(`This property cannot be expanded (${head}).`, undefined, "expand");
    value = structuredClone(found);
    obj[head] = value;
  }
  expandPath(ctx, value, rest);
}

export function expandResponse<T>(ctx: FakeContext, body: T, paths: string[]): T {
  if (paths.length === 0) return body;
  const copy = structuredClone(body);
  for (const path of paths) expandPath(ctx, copy, path.split("."));
  return copy;
}

// Stripe lists newest first and pages with starting_after / ending_before.
export function paginate<T extends { id: string }>(items: T[], p: Params, url: string): Stripe.ApiList<T> {
  const limit = int(p, "limit") ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidParam(
      "limit",
      "This value must be greater than or equal to 1 and less than or equal to 100.",
      "parameter_invalid_integer",
    );
  }
  const newestFirst = [...items].reverse();
  const after = str(p, "starting_after");
  const before = str(p, "ending_before");
  let start = 0;
  let end = newestFirst.length;
  if (after) {
    const i = newestFirst.findIndex((x) => x.id === after);
    if (i < 0) throw invalidParam("starting_after", `No such object: '${after}'`, "resource_missing");
    start = i + 1;
  }
  if (before) {
    const i = newestFirst.findIndex((x) => x.id === before);
    if (i < 0) throw invalidParam("ending_before", `No such object: '${before}'`, "resource_missing");
    end = i;
    start = Math.max(0, end - limit);
  }
  const page = newestFirst.slice(start, Math.min(end, start + limit));
  const hasMore = before ? start > 0 : start + limit < end;
  return apiList(url, page, hasMore);
}
