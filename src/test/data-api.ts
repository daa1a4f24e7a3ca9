// Fixtures for the data API: a buyer org with an API key and a subscription (with this period's
// counter) to a pack whose rows a seller's product contributed, and a client for the rows route.
import { getDb } from "~/server/db";
import { createApiKey } from "~/server/services/api-key/create-api-key";
import { appendPackRows } from "~/server/services/data-api/append-pack-rows";
import { makeOrg, makePack, makeUserInOrg, uid } from "./factories";

export type DataBuyer = Awaited<ReturnType<typeof makeDataBuyer>>;

type Status = "active" | "past_due" | "canceled";

export async function makeDataBuyer(options: { quota?: number; rows?: number; status?: Status } = {}) {
  const db = getDb();
  const { user, org } = await makeUserInOrg();
  const pack = await makePack();
  const seller = await makeOrg();
  const product = await db.product.create({ data: { orgId: seller.id, name: `Product ${uid()}` } });
  const tier = await db.packTier.findFirstOrThrow({ where: { packId: pack.id, tier: "standard" } });
  const periodStart = new Date(Date.now() - 86_400_000);
  const periodEnd = new Date(Date.now() + 29 * 86_400_000);
  const sub = await db.buyerSubscription.create({
    data: {
      buyerOrgId: org.id, packId: pack.id, tierId: tier.id, stripeCustomerId: `cus_${uid()}`, stripeSubscriptionId: `sub_${uid()}`,
      status: options.status ?? "active", currentPeriodStart: periodStart, currentPeriodEnd: periodEnd,
    },
  });
  const counter = await db.buyerUsageCounter.create({
    data: { subscriptionId: sub.id, periodStart, periodEnd, rowQuota: options.quota ?? 10_000 },
  });
  const key = await createApiKey(db, { orgId: org.id, userId: user.id, label: "test" });
  const buyer = { user, org, pack, seller, product, sub, counter, key: key.secret, keyId: key.id };
  if (options.rows) await addRows(buyer, options.rows);
  return buyer;
}

let sequence = 0;

// Rows numbered in insertion order (`n`), so a test can tell which it got.
export async function addRows(buyer: { pack: { id: string }; seller: { id: string }; product: { id: string } }, count: number) {
  const rows = Array.from({ length: count }, () => ({
    packId: buyer.pack.id,
    contributorOrgId: buyer.seller.id,
    productId: buyer.product.id,
    data: { city: `City ${++sequence}`, n: sequence, trips: sequence % 17 },
    sessionAt: new Date(),
  }));
  await getDb().$transaction((tx) => appendPackRows(tx, rows));
  return rows.map((r) => r.data);
}

export type RowsAnswer = { status: number; headers: Headers; text: string; json: () => RowsBody };
export type RowsBody = {
  data?: Record<string, unknown>[];
  next_cursor?: string;
  has_more?: boolean;
  quota?: { used: number; limit: number; remaining: number };
  error?: { code: string; message: string; issues?: { path: string; message: string }[] };
};

export async function getRows(baseUrl: string, key: string | null, slug: string, query = "", init: RequestInit = {}): Promise<RowsAnswer> {
  const res = await fetch(`${baseUrl}/v1/packs/${encodeURIComponent(slug)}/rows${query ? `?${query}` : ""}`, {
    ...init,
    headers: { ...(key && { authorization: `Bearer ${key}` }), ...(init.headers as Record<string, string> | undefined) },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as RowsBody };
}
