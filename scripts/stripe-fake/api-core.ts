// Customers, products, prices and events.
import type Stripe from "stripe";
import { idOf, previousAttributes } from "./context";
import { invalidParam, invalidRequest, missingParam, noSuch } from "./errors";
import { paginate } from "./expand";
import { bool, int, metadataUpdate, obj, reqStr, str, strList, type Params } from "./form";
import { buildCustomer, buildPrice, buildProduct } from "./objects";
import { route, type ApiCall, type ApiRoute } from "./router";

const nullable = (p: Params, name: string, current: string | null): string | null => {
  const v = str(p, name);
  return v === undefined ? current : v === "" ? null : v;
};

function updateCustomer({ ctx, params: p, ids, request }: ApiCall) {
  const customer = ctx.store.get<Stripe.Customer>("customer", ids[0]);
  const before = structuredClone(customer);
  customer.email = nullable(p, "email", customer.email);
  customer.name = nullable(p, "name", customer.name ?? null);
  customer.description = nullable(p, "description", customer.description);
  customer.phone = nullable(p, "phone", customer.phone ?? null);
  customer.metadata = metadataUpdate(p, customer.metadata);
  const previous = previousAttributes(before, customer);
  if (Object.keys(previous).length > 0) {
    ctx.store.changed();
    ctx.bus.emit("customer.updated", customer, { request, previous });
  }
  return customer;
}

function currency(p: Params): string {
  const c = reqStr(p, "currency").toLowerCase();
  if (!/^[a-z]{3}$/.test(c)) throw invalidParam("currency", `Invalid currency: ${c}.`, "parameter_invalid");
  return c;
}

function createPrice({ ctx, params: p, request }: ApiCall) {
  const { store, bus } = ctx;
  const unitAmount = int(p, "unit_amount");
  if (unitAmount === undefined) throw missingParam("unit_amount");
  if (unitAmount < 0) {
    throw invalidParam("unit_amount", "This value must be greater than or equal to 0.", "parameter_invalid_integer");
  }
  const cur = currency(p);
  let productId = str(p, "product");
  const productData = obj(p, "product_data");
  if (!productId && !productData) {
    throw invalidRequest(
      "You must specify either `product` or `product_data` when creating a price.",
      "parameter_missing",
      "product",
    );
  }
  if (productId) store.get<Stripe.Product>("product", productId, "product");
  else if (productData) {
    const product = store.insert(buildProduct({
      name: reqStr(productData, "name"),
      description: null,
      active: true,
      metadata: metadataUpdate(productData),
    }));
    bus.emit("product.created", product, { request });
    productId = product.id;
  }
  const rec = obj(p, "recurring");
  let recurring: { interval: Stripe.Price.Recurring.Interval; interval_count: number } | null = null;
  if (rec) {
    const interval = reqStr(rec, "interval");
    if (!["day", "week", "month", "year"].includes(interval)) {
      throw invalidParam(
        "recurring[interval]",
        `Invalid recurring[interval]: must be one of day, week, month, or year`,
        "parameter_invalid",
      );
    }
    recurring = { interval, interval_count: int(rec, "interval_count") ?? 1 };
  }
  const lookupKey = str(p, "lookup_key") || null;
  if (lookupKey) claimLookupKey(ctx, lookupKey, bool(p, "transfer_lookup_key") ?? false, request);
  const price = store.insert(
    buildPrice({
      product: productId!,
      currency: cur,
      unitAmount,
      recurring,
      lookupKey,
      nickname: str(p, "nickname") || null,
      active: bool(p, "active") ?? true,
      metadata: metadataUpdate(p),
    }),
  );
  bus.emit("price.created", price, { request });
  return price;
}

// Lookup keys are unique among prices unless the new price takes the key over.
function claimLookupKey(ctx: ApiCall["ctx"], key: string, transfer: boolean, request: ApiCall["request"]) {
  const holder = ctx.store.all<Stripe.Price>("price").find((p) => p.lookup_key === key);
  if (!holder) return;
  if (!transfer) {
    throw invalidParam("lookup_key", `A price (\`${holder.id}\`) already uses that lookup key.`, "lookup_key_already_exists");
  }
  const before = structuredClone(holder);
  holder.lookup_key = null;
  ctx.bus.emit("price.updated", holder, { request, previous: previousAttributes(before, holder) });
}

function updatePrice({ ctx, params: p, ids, request }: ApiCall) {
  const price = ctx.store.get<Stripe.Price>("price", ids[0]);
  const before = structuredClone(price);
  price.active = bool(p, "active") ?? price.active;
  price.nickname = nullable(p, "nickname", price.nickname);
  const lookupKey = str(p, "lookup_key");
  if (lookupKey !== undefined && lookupKey !== price.lookup_key) {
    if (lookupKey) claimLookupKey(ctx, lookupKey, bool(p, "transfer_lookup_key") ?? false, request);
    price.lookup_key = lookupKey || null;
  }
  price.metadata = metadataUpdate(p, price.metadata);
  const previous = previousAttributes(before, price);
  if (Object.keys(previous).length > 0) ctx.bus.emit("price.updated", price, { request, previous });
  ctx.store.changed();
  return price;
}

function updateProduct({ ctx, params: p, ids, request }: ApiCall) {
  const product = ctx.store.get<Stripe.Product>("product", ids[0]);
  const before = structuredClone(product);
  product.name = str(p, "name") || product.name;
  product.description = nullable(p, "description", product.description);
  product.active = bool(p, "active") ?? product.active;
  product.metadata = metadataUpdate(p, product.metadata);
  const previous = previousAttributes(before, product);
  if (Object.keys(previous).length > 0) {
    product.updated = Math.floor(Date.now() / 1000);
    ctx.bus.emit("product.updated", product, { request, previous });
  }
  ctx.store.changed();
  return product;
}

export const coreRoutes: ApiRoute[] = [
  route("POST", "/v1/customers", ({ ctx, params: p, request }) => {
    const customer = ctx.store.insert(
      buildCustomer({
        email: str(p, "email") || null,
        name: str(p, "name") || null,
        description: str(p, "description") || null,
        phone: str(p, "phone") || null,
        metadata: metadataUpdate(p),
      }),
    );
    ctx.bus.emit("customer.created", customer, { request });
    return customer;
  }),
  route("GET", "/v1/customers/:id", ({ ctx, ids }) => ctx.store.get<Stripe.Customer>("customer", ids[0])),
  route("POST", "/v1/customers/:id", updateCustomer),
  route("GET", "/v1/customers", ({ ctx, params: p }) => {
    const email = str(p, "email");
    return paginate(ctx.store.all<Stripe.Customer>("customer").filter((c) => !email || c.email === email), p, "/v1/customers");
  }),

  route("POST", "/v1/products", ({ ctx, params: p, request }) => {
    const id = str(p, "id");
    if (id && ctx.store.find(id)) throw invalidParam("id", "Product already exists.", "resource_already_exists");
    const product = ctx.store.insert(buildProduct({
      id,
      name: reqStr(p, "name"),
      description: str(p, "description") || null,
      active: bool(p, "active") ?? true,
      metadata: metadataUpdate(p),
    }));
    ctx.bus.emit("product.created", product, { request });
    return product;
  }),
  route("GET", "/v1/products/:id", ({ ctx, ids }) => ctx.store.get<Stripe.Product>("product", ids[0])),
  route("POST", "/v1/products/:id", updateProduct),
  route("GET", "/v1/products", ({ ctx, params: p }) => {
    const active = bool(p, "active");
    return paginate(
      ctx.store.all<Stripe.Product>("product").filter((x) => active === undefined || x.active === active),
      p,
      "/v1/products",
    );
  }),

  route("POST", "/v1/prices", createPrice),
  route("GET", "/v1/prices/:id", ({ ctx, ids }) => ctx.store.get<Stripe.Price>("price", ids[0])),
  route("POST", "/v1/prices/:id", updatePrice),
  route("GET", "/v1/prices", ({ ctx, params: p }) => {
    const lookupKeys = strList(p, "lookup_keys");
    if (lookupKeys.length > 10) {
      throw invalidParam("lookup_keys", "You may only specify up to 10 lookup keys.", "parameter_invalid");
    }
    const active = bool(p, "active");
    const product = str(p, "product");
    const type = str(p, "type");
    const cur = str(p, "currency");
    const prices = ctx.store.all<Stripe.Price>("price").filter(
      (x) =>
        (lookupKeys.length === 0 || (x.lookup_key !== null && lookupKeys.includes(x.lookup_key))) &&
        (active === undefined || x.active === active) &&
        (!product || idOf(x.product) === product) &&
        (!type || x.type === type) &&
        (!cur || x.currency === cur),
    );
    return paginate(prices, p, "/v1/prices");
  }),

  route("GET", "/v1/events/:id", ({ ctx, ids }) => {
    const event = ctx.store.state.events.find((e) => e.id === ids[0]);
    if (!event) throw noSuch("event", ids[0] ?? "");
    return event;
  }),
  route("GET", "/v1/events", ({ ctx, params: p }) => {
    const type = str(p, "type");
    const types = strList(p, "types");
    const typeMatches = (t: string) => !type || (type.endsWith("*") ? t.startsWith(type.slice(0, -1)) : t === type);
    const matches = (t: string) => typeMatches(t) && (types.length === 0 || types.includes(t));
    return paginate(ctx.store.state.events.filter((e) => matches(e.type)), p, "/v1/events");
  }),
];
