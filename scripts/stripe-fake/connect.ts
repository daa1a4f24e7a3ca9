// Connect: Express accounts, onboarding links and transfers to connected accounts.
import type Stripe from "stripe";
import { previousAttributes, type FakeContext } from "./context";
import { invalidParam, invalidRequest } from "./errors";
import { paginate } from "./expand";
import { int, metadataUpdate, obj, reqStr, str, type Params } from "./form";
import { apiList } from "./objects";
import { route, type ApiRoute } from "./router";
import { newId, nowSeconds, randomToken } from "./store";

const DUE_AT_START = [
  "business_type",
  "external_account",
  "representative.first_name",
  "representative.last_name",
  "tos_acceptance.date",
  "tos_acceptance.ip",
];

const requirements = (due: string[]): Stripe.Account.Requirements => ({
  alternatives: [],
  current_deadline: null,
  currently_due: due,
  disabled_reason: due.length > 0 ? "requirements.past_due" : null,
  errors: [],
  eventually_due: due,
  past_due: due,
  pending_verification: [],
});

function buildAccount(p: Params): Stripe.Account {
  const id = newId("acct", 16);
  const requested = obj(p, "capabilities") ?? {};
  const capabilities: Stripe.Account.Capabilities = {};
  if ("transfers" in requested) capabilities.transfers = "inactive";
  if ("card_payments" in requested) capabilities.card_payments = "inactive";
  return {
    id,
    object: "account",
    business_profile: {
      mcc: null,
      minority_owned_business_designation: null,
      name: null,
      product_description: null,
      specified_commercial_transactions_act_url: null,
      support_address: null,
      support_email: null,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: null,
    capabilities,
    charges_enabled: false,
    controller: {
      type: "application",
      is_controller: true,
      fees: { payer: "application" },
      losses: { payments: "application" },
      requirement_collection: "stripe",
      stripe_dashboard: { type: "express" },
    },
    country: (str(p, "country") ?? "US").toUpperCase(),
    created: nowSeconds(),
    default_currency: "usd",
    details_submitted: false,
    email: str(p, "email") || null,
    external_accounts: apiList(`/v1/accounts/${id}/external_accounts`, []),
    future_requirements: requirements([]),
    metadata: metadataUpdate(p),
    payouts_enabled: false,
    requirements: requirements(DUE_AT_START),
    tos_acceptance: { date: null, ip: null, user_agent: null },
    type: "express",
  };
}

// Stripe's account links last minutes; the fake's five.
export const ACCOUNT_LINK_TTL_SECONDS = 300;

// Links a day past expiry are forgotten, so dev's state file does not grow with every click.
function pruneAccountLinks(ctx: FakeContext) {
  const cutoff = nowSeconds() - 86_400;
  for (const [token, link] of Object.entries(ctx.store.state.accountLinks)) {
    if (!(link.expiresAt > cutoff)) delete ctx.store.state.accountLinks[token];
  }
}

// What waiting past expiry does, for tests and the dashboard: every open link of the account
// now sends its visitor to refresh_url.
export function expireAccountLinks(ctx: FakeContext, accountId: string) {
  ctx.store.get<Stripe.Account>("account", accountId, "account");
  for (const link of Object.values(ctx.store.state.accountLinks)) {
    if (link.account === accountId) link.expiresAt = Math.min(link.expiresAt, nowSeconds() - 1);
  }
  ctx.store.changed();
}

// The hosted onboarding page's "Complete onboarding": everything Stripe would now have verified.
export function completeOnboarding(ctx: FakeContext, accountId: string) {
  const account = ctx.store.get<Stripe.Account>("account", accountId, "account");
  const before = structuredClone(account);
  account.details_submitted = true;
  account.charges_enabled = true;
  account.payouts_enabled = true;
  account.business_type = "individual";
  account.capabilities = { ...account.capabilities, transfers: "active" };
  if (account.capabilities.card_payments) account.capabilities.card_payments = "active";
  account.requirements = requirements([]);
  account.tos_acceptance = { date: nowSeconds(), ip: "127.0.0.1", user_agent: "Pack Market Stripe fake" };
  const previous = previousAttributes(before, account);
  ctx.store.changed();
  if (Object.keys(previous).length > 0) {
    ctx.bus.emit("account.updated", account, { account: account.id, previous, request: null });
  }
}

function validUrl(p: Params, name: string): string {
  const value = reqStr(p, name);
  try {
    new URL(value);
  } catch {
    throw invalidParam(name, "Not a valid URL", "url_invalid");
  }
  return value;
}

function createTransfer(ctx: FakeContext, p: Params): Stripe.Transfer {
  const amount = int(p, "amount");
  if (amount === undefined) throw invalidParam("amount", "Missing required param: amount.", "parameter_missing");
  if (amount < 1) throw invalidParam("amount", "This value must be greater than or equal to 1.", "parameter_invalid_integer");
  const currency = reqStr(p, "currency").toLowerCase();
  const destination = ctx.store.get<Stripe.Account>("account", reqStr(p, "destination"), "destination");
  if (destination.capabilities?.transfers !== "active") {
    throw invalidRequest(
      "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
      "insufficient_capabilities_for_transfer",
      "destination",
    );
  }
  const id = newId("tr", 24);
  return ctx.store.insert<Stripe.Transfer>({
    id,
    object: "transfer",
    amount,
    amount_reversed: 0,
    balance_transaction: newId("txn", 24),
    created: nowSeconds(),
    currency,
    description: str(p, "description") || null,
    destination: destination.id,
    destination_payment: newId("py", 24),
    livemode: false,
    metadata: metadataUpdate(p),
    reversals: apiList(`/v1/transfers/${id}/reversals`, []),
    reversed: false,
    source_transaction: str(p, "source_transaction") || null,
    source_type: "card",
    transfer_group: str(p, "transfer_group") || null,
  });
}

export const connectRoutes: ApiRoute[] = [
  route("POST", "/v1/accounts", ({ ctx, params: p }) => {
    const type = str(p, "type");
    if (type && type !== "express") {
      throw invalidParam("type", "The Pack Market Stripe fake only creates Express accounts.", "parameter_invalid");
    }
    return ctx.store.insert(buildAccount(p));
  }),
  route("GET", "/v1/accounts/:id", ({ ctx, ids }) => ctx.store.get<Stripe.Account>("account", ids[0], "account")),
  route("POST", "/v1/accounts/:id", ({ ctx, ids, params: p, request }) => {
    const account = ctx.store.get<Stripe.Account>("account", ids[0], "account");
    const before = structuredClone(account);
    account.metadata = metadataUpdate(p, account.metadata ?? {});
    account.email = str(p, "email") ?? account.email;
    const previous = previousAttributes(before, account);
    ctx.store.changed();
    if (Object.keys(previous).length > 0) ctx.bus.emit("account.updated", account, { account: account.id, previous, request });
    return account;
  }),
  route("GET", "/v1/accounts", ({ ctx, params }) => paginate(ctx.store.all<Stripe.Account>("account"), params, "/v1/accounts")),
  route("POST", "/v1/account_links", ({ ctx, params: p }) => {
    const account = ctx.store.get<Stripe.Account>("account", reqStr(p, "account"), "account");
    const type = reqStr(p, "type");
    if (type !== "account_onboarding" && type !== "account_update") {
      throw invalidParam("type", "Invalid type: must be one of account_onboarding or account_update", "parameter_invalid");
    }
    const returnUrl = validUrl(p, "return_url");
    const refreshUrl = validUrl(p, "refresh_url");
    pruneAccountLinks(ctx);
    const token = randomToken(24);
    const link: Stripe.AccountLink = {
      object: "account_link",
      created: nowSeconds(),
      expires_at: nowSeconds() + ACCOUNT_LINK_TTL_SECONDS,
      url: `${ctx.baseUrl}/connect/onboard/${account.id}/${token}`,
    };
    ctx.store.state.accountLinks[token] = { account: account.id, returnUrl, refreshUrl, expiresAt: link.expires_at, visited: false, used: false };
    ctx.store.changed();
    return link;
  }),
  route("POST", "/v1/accounts/:id/login_links", ({ ctx, ids }) => {
    const account = ctx.store.get<Stripe.Account>("account", ids[0], "account");
    if (!account.details_submitted) {
      throw invalidRequest("Cannot create a login link for an account that has not completed onboarding.", "account_invalid", "account");
    }
    const link: Stripe.LoginLink = { object: "login_link", created: nowSeconds(), url: `${ctx.baseUrl}/connect/express/${account.id}` };
    return link;
  }),
  route("POST", "/v1/transfers", ({ ctx, params: p, request }) => {
    const transfer = createTransfer(ctx, p);
    ctx.bus.emit("transfer.created", transfer, { request });
    return transfer;
  }),
  route("GET", "/v1/transfers/:id", ({ ctx, ids }) => ctx.store.get<Stripe.Transfer>("transfer", ids[0], "transfer")),
  route("GET", "/v1/transfers", ({ ctx, params: p }) => {
    const destination = str(p, "destination");
    const group = str(p, "transfer_group");
    const transfers = ctx.store
      .all<Stripe.Transfer>("transfer")
      .filter((t) => (!destination || t.destination === destination) && (!group || t.transfer_group === group));
    return paginate(transfers, p, "/v1/transfers");
  }),
];
