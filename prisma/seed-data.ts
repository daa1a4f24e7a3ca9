// Demo data for Pack Market: five seller orgs, two buyer orgs, seven packs and their rows (every active
// pack fed by at least three seller orgs, the privacy threshold).
// Pure data plus deterministic generators (a seeded PRNG, never Math.random): no database access and
// no Node APIs, so pages may import DEMO_ACCOUNTS. `buildSeedPlan()` turns it into the records that
// prisma/seed.ts writes; ids are derived from stable keys, so every build gives the same ids.

export type ColumnType = "string" | "integer" | "number" | "boolean" | "timestamp" | "date";
export type PackColumn = { name: string; type: ColumnType; description: string };
export type RowValue = string | number | boolean;
export type RowData = Record<string, RowValue>;
export type OrgRoleName = "owner" | "admin" | "member";
export type TierName = "standard" | "pro" | "enterprise";

// ---------- Deterministic randomness ----------

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits: turns a stable key into a PRNG seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Rand {
  private readonly next: () => number;
  constructor(seed: string) {
    this.next = mulberry32(hashString(seed));
  }
  float(): number {
    return this.next();
  }
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  bool(p: number): boolean {
    return this.next() < p;
  }
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Log-normal with the given median, so durations and amounts get a realistic long tail. */
  skewed(median: number, spread: number): number {
    return Math.exp(this.normal(Math.log(median), spread));
  }
  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [value, w] of entries) {
      x -= w;
      if (x < 0) return value;
    }
    return at(entries, entries.length - 1)[0];
  }
}

function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`seed-data: index ${i} out of range`);
  return item;
}

const round = (x: number, dp = 2) => Math.round(x * 10 ** dp) / 10 ** dp;
const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));
const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A cuid-shaped id ("c" + 24 base-36 chars) derived from a stable key. */
export function seedId(key: string): string {
  const r = new Rand(`id:${key}`);
  let id = "c";
  for (let i = 0; i < 24; i++) id += r.int(0, 35).toString(36);
  return id;
}

// ---------- Time window ----------

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const ROWS_PER_PACK = 150;
/** Generated sessions fall in [ROWS_FROM, ROWS_UNTIL): 2026-09-01 through 2026-11-25 (UTC). */
export const ROWS_FROM = new Date("2026-09-01T00:00:00Z");
export const ROWS_UNTIL = new Date("2026-11-26T00:00:00Z");
export const OPT_IN_START = "2026-08-01T00:00:00Z";
export const TIER_QUOTAS: Record<TierName, number> = { standard: 10_000, pro: 100_000, enterprise: 1_000_000 };

// Local-time hour weights (0..23); rows are mostly US, so hours are shifted by +5 to UTC.
const COMMUTE = [1, 0.6, 0.4, 0.3, 0.4, 1, 3, 6, 8, 5, 3, 3, 4, 3, 3, 4, 6, 8, 7, 5, 4, 3, 2, 1.5];
const SHOPPING = [0.5, 0.3, 0.2, 0.2, 0.2, 0.3, 0.8, 1.5, 2.5, 3.5, 4, 4.5, 5, 4.5, 4, 4, 4.5, 5.5, 6, 5.5, 4, 2.5, 1.5, 0.8];
const MORNING_SYNC = [0.3, 0.2, 0.2, 0.2, 0.5, 2, 5, 7, 6, 4, 2.5, 2, 1.5, 1.2, 1, 1, 1, 1, 1, 1, 1, 0.8, 0.6, 0.4];
const CHARGING = [3, 3, 2.5, 2, 1.5, 1.5, 2, 3, 3.5, 3, 3, 3.5, 4, 3.5, 3, 3, 3.5, 4.5, 5, 5, 4.5, 4, 3.5, 3];
const APP_USE = [1.5, 0.8, 0.5, 0.4, 0.5, 1, 2.5, 4, 4.5, 3.5, 3, 3, 3.5, 3, 3, 3, 3.5, 4.5, 5, 5.5, 6, 5.5, 4, 2.5];

// ---------- Orgs, users, memberships, products ----------

export type OrgSeed = { key: string; slug: string; name: string; side: "seller" | "buyer"; createdAt: string };
export const ORGS: readonly OrgSeed[] = [
  { key: "northwind", slug: "northwind-mobility", name: "Northwind Mobility", side: "seller", createdAt: "2026-06-03T14:12:00Z" },
  { key: "acme", slug: "acme-health-apps", name: "Acme Health Apps", side: "seller", createdAt: "2026-06-10T09:40:00Z" },
  { key: "lumen", slug: "lumen-retail-labs", name: "Lumen Retail Labs", side: "seller", createdAt: "2026-06-18T16:05:00Z" },
  { key: "kestrel", slug: "kestrel-labs", name: "Kestrel Labs", side: "seller", createdAt: "2026-06-24T10:20:00Z" },
  { key: "harbor", slug: "harbor-commerce", name: "Harbor Commerce", side: "seller", createdAt: "2026-06-27T15:45:00Z" },
  { key: "orbit", slug: "orbit-analytics", name: "Orbit Analytics", side: "buyer", createdAt: "2026-07-01T11:30:00Z" },
  { key: "fjord", slug: "fjord-capital", name: "Fjord Capital", side: "buyer", createdAt: "2026-07-08T08:15:00Z" },
];

export type UserSeed = { email: string; name: string; createdAt: string };
export const USERS: readonly UserSeed[] = [
  { email: "maya@northwind.example", name: "Maya Lindqvist", createdAt: "2026-06-03T14:10:00Z" },
  { email: "daniel@northwind.example", name: "Daniel Okafor", createdAt: "2026-06-04T10:22:00Z" },
  { email: "priya@acmehealth.example", name: "Priya Raman", createdAt: "2026-06-10T09:38:00Z" },
  { email: "tom@acmehealth.example", name: "Tom Whitaker", createdAt: "2026-06-12T15:01:00Z" },
  { email: "leo@lumenretail.example", name: "Leo Marchetti", createdAt: "2026-06-18T16:02:00Z" },
  { email: "ana@lumenretail.example", name: "Ana Sousa", createdAt: "2026-06-20T13:47:00Z" },
  { email: "nadia@kestrel.example", name: "Nadia Brandt", createdAt: "2026-06-24T10:18:00Z" },
  { email: "omar@harborcommerce.example", name: "Omar Haddad", createdAt: "2026-06-27T15:41:00Z" },
  { email: "sara@orbit-analytics.example", name: "Sara Kim", createdAt: "2026-07-01T11:28:00Z" },
  { email: "jonas@fjordcapital.example", name: "Jonas Berg", createdAt: "2026-07-08T08:12:00Z" },
  { email: "ingrid@fjordcapital.example", name: "Ingrid Halvorsen", createdAt: "2026-07-09T09:30:00Z" },
];

export const MEMBERSHIPS: readonly { email: string; org: string; role: OrgRoleName }[] = [
  { email: "maya@northwind.example", org: "northwind", role: "owner" },
  { email: "maya@northwind.example", org: "orbit", role: "admin" },
  { email: "daniel@northwind.example", org: "northwind", role: "member" },
  { email: "priya@acmehealth.example", org: "acme", role: "owner" },
  { email: "tom@acmehealth.example", org: "acme", role: "admin" },
  { email: "leo@lumenretail.example", org: "lumen", role: "owner" },
  { email: "ana@lumenretail.example", org: "lumen", role: "member" },
  { email: "nadia@kestrel.example", org: "kestrel", role: "owner" },
  { email: "omar@harborcommerce.example", org: "harbor", role: "owner" },
  { email: "sara@orbit-analytics.example", org: "orbit", role: "owner" },
  { email: "jonas@fjordcapital.example", org: "fjord", role: "owner" },
  { email: "ingrid@fjordcapital.example", org: "fjord", role: "member" },
];

/** Users offered by the dev sign-in page; the first belongs to a seller and a buyer org. */
export const DEMO_ACCOUNTS: readonly { email: string; name: string; description: string }[] = [
  {
    email: "maya@northwind.example",
    name: "Maya Lindqvist",
    description: "Owner of Northwind Mobility (seller) and admin of Orbit Analytics (buyer): try the org switcher.",
  },
  {
    email: "priya@acmehealth.example",
    name: "Priya Raman",
    description: "Owner of Acme Health Apps, a seller contributing to the Health, Finance and Web Analytics packs.",
  },
  {
    email: "sara@orbit-analytics.example",
    name: "Sara Kim",
    description: "Owner of Orbit Analytics, a buyer org subscribed to Urban Trip Flows (Pro) with this month's usage: My Packs, billing and API keys.",
  },
  {
    email: "jonas@fjordcapital.example",
    name: "Jonas Berg",
    description: "Owner of Fjord Capital, a second buyer org: its subscriptions of last month paid the sellers' payouts; Urban Trip Flows is still to buy.",
  },
];

/**
 * What the demo buyer org holds from the first `npm run dev`: a subscription bought through the
 * Stripe fake as a real buyer's is, paid `startedDaysAgo` days ago, and reads spread over those days
 * using `usedShare` of the quota. Written by scripts/lib/demo-subscription.ts, not by the seed.
 */
export const DEMO_SUBSCRIPTION = {
  org: "orbit",
  buyerEmail: "sara@orbit-analytics.example",
  pack: "urban-trip-flows",
  tier: "pro",
  startedDaysAgo: 12,
  usedShare: 0.35,
} as const satisfies { org: string; buyerEmail: string; pack: string; tier: TierName; startedDaysAgo: number; usedShare: number };

/**
 * Sellers' Stripe Connect accounts from the first `npm run dev`, made through the Stripe fake by
 * scripts/lib/demo-connect.ts (not by the seed): Northwind can receive payouts, Lumen started
 * onboarding and did not finish, and Acme (Priya, a demo account) has not connected yet, so the
 * whole onboarding can be tried by hand.
 */
export const DEMO_CONNECT = [
  { org: "northwind", onboarded: true },
  { org: "lumen", onboarded: false },
] as const satisfies readonly { org: string; onboarded: boolean }[];

export type ProductSeed = { key: string; org: string; name: string; description: string };
export const PRODUCTS: readonly ProductSeed[] = [
  { key: "nw-ride", org: "northwind", name: "Northwind Ride", description: "Ride-hailing app for iOS and Android, live in five US metros." },
  { key: "nw-scooters", org: "northwind", name: "Northwind Scooters", description: "Dockless e-scooter and e-bike rental, unlocked from the Ride app." },
  { key: "nw-fleet", org: "northwind", name: "Northwind Fleet Telematics", description: "Telematics and depot charging for Northwind's electric vehicle fleet." },
  { key: "acme-steps", org: "acme", name: "Acme Steps", description: "Step counter and activity coach that syncs with most wearables." },
  { key: "acme-sleep", org: "acme", name: "Acme Sleep Coach", description: "Sleep tracking with nightly scores and a guided wind-down routine." },
  { key: "acme-telehealth", org: "acme", name: "Acme Telehealth", description: "Video consultations with licensed clinicians, paid per visit or by plan." },
  { key: "lumen-checkout", org: "lumen", name: "Lumen Checkout SDK", description: "Point-of-sale and web checkout SDK used by mid-size grocers and retailers." },
  { key: "lumen-loyalty", org: "lumen", name: "Lumen Loyalty", description: "White-label loyalty app: digital receipts, coupons and points." },
  { key: "lumen-storeops", org: "lumen", name: "Lumen Store Ops", description: "Store operations platform, including the EV chargers in retailers' car parks." },
  { key: "kestrel-maps", org: "kestrel", name: "Kestrel Maps", description: "Trip planner that books rides and scooters from partner operators and routes EVs to chargers." },
  { key: "kestrel-fit", org: "kestrel", name: "Kestrel Fit", description: "Activity and sleep tracker for phones and budget wearables." },
  { key: "kestrel-pantry", org: "kestrel", name: "Kestrel Pantry", description: "Shared shopping lists with receipt scanning for households." },
  { key: "harbor-pay", org: "harbor", name: "Harbor Pay", description: "Checkout and wallet for independent online shops and neighbourhood grocers." },
  { key: "harbor-bikes", org: "harbor", name: "Harbor Bikes", description: "Dock-based bike and e-bike share in three coastal cities." },
  { key: "harbor-wellness", org: "harbor", name: "Harbor Wellness", description: "Workplace step challenges and wellbeing benefits for employers." },
];

// ---------- Packs ----------

type RowGen = (r: Rand, at: Date, product: string) => RowData;
export type PackSeed = {
  slug: string;
  title: string;
  summary: string;
  description: string;
  category: string;
  revenueShareBps: number;
  status: "active" | "draft";
  createdAt: string;
  prices: Record<TierName, number>;
  hours: readonly number[];
  columns: PackColumn[];
  row: RowGen;
  // The privacy threshold k (default 3; every demo pack has rows from at least three seller orgs).
  minContributors?: number;
};

const col = (name: string, type: ColumnType, description: string): PackColumn => ({ name, type, description });
const paragraphs = (...ps: string[]) => ps.join("\n\n");

const CITIES = [["New York", "2a10", 4], ["San Francisco", "2830", 2], ["Chicago", "2664", 2], ["Austin", "2648", 1], ["Seattle", "28d5", 1]] as const;
const US_STATES = [["US-CA", 4], ["US-NY", 2], ["US-TX", 2], ["US-WA", 2], ["US-IL", 1], ["US-CO", 1]] as const;
const COUNTRIES = [["US", 6], ["GB", 2], ["CA", 1], ["DE", 1], ["NL", 1]] as const;
const AGE_BANDS = [["18-24", 2], ["25-34", 4], ["35-44", 3.5], ["45-54", 2.5], ["55-64", 1.5], ["65+", 1]] as const;
const METROS = [["New York", 4], ["Los Angeles", 3], ["Chicago", 2], ["Dallas", 2], ["Atlanta", 1.5], ["Denver", 1]] as const;

function h3Zone(r: Rand, prefix: string): string {
  return `87${prefix}${(0x100 + r.int(0, 47)).toString(16)}ffffff`;
}

const tripRow: RowGen = (r, at, product) => {
  const [city, prefix] = r.weighted(CITIES.map((c) => [c, c[2]] as const));
  const micro = product === "nw-scooters" || product === "harbor-bikes";
  const mode = micro ? r.weighted([["scooter", 7], ["ebike", 3]]) : r.weighted([["ride", 3], ["shared_ride", 1]]);
  const km = micro ? clamp(r.skewed(1.9, 0.5), 0.3, 9) : clamp(r.skewed(6.5, 0.6), 0.8, 45);
  const kmh = micro ? clamp(r.normal(14, 3), 8, 22) : clamp(r.normal(24, 6), 10, 48);
  const minutes = Math.max(2, Math.round((km / kmh) * 60 + r.normal(micro ? 1 : 3, 1.5)));
  const surge = micro || r.bool(0.7) ? 1 : round(r.between(1.1, 2.2), 1);
  const base = micro ? 1 + (mode === "ebike" ? 0.45 : 0.39) * minutes : 2.75 + 1.45 * km + 0.38 * minutes;
  const fare = base * surge * (mode === "shared_ride" ? 0.72 : 1);
  return {
    trip_start_at: iso(at),
    city,
    origin_zone: h3Zone(r, prefix),
    destination_zone: h3Zone(r, prefix),
    mode,
    distance_km: round(km),
    duration_min: minutes,
    fare_usd: round(fare),
    surge_multiplier: surge,
  };
};

const chargingRow: RowGen = (r, at, product) => {
  const depot = product === "nw-fleet";
  const fast = r.bool(depot ? 0.35 : 0.5);
  const peakKw = fast ? round(r.between(50, 250), 1) : round(r.pick([6.6, 7.2, 9.6, 11.5]), 1);
  const minutes = fast ? r.int(14, 55) : r.int(90, 600);
  const kwh = Math.min((peakKw * (fast ? 0.55 : 0.88) * minutes) / 60, fast ? 85 : 75) * r.between(0.85, 1);
  const price = (fast ? r.between(0.42, 0.62) : r.between(0.22, 0.38)) - (depot ? 0.08 : 0);
  return {
    session_start_at: iso(at),
    region: r.weighted(US_STATES),
    site_type: depot ? "fleet_depot" : r.weighted([["retail_parking", 4], ["workplace", 1]]),
    charger_type: fast ? "DCFC" : "L2",
    energy_kwh: round(kwh),
    duration_min: minutes,
    peak_power_kw: peakKw,
    price_per_kwh_usd: round(price, 3),
    idle_fee_applied: !depot && r.bool(fast ? 0.12 : 0.04),
  };
};

const activityRow: RowGen = (r, at, product) => {
  const age = r.weighted(AGE_BANDS);
  const ageIdx = AGE_BANDS.findIndex(([band]) => band === age);
  const steps = Math.round(clamp(r.normal(8400 - ageIdx * 450, 3200), 600, 31_000));
  const sleepCoached = product === "acme-sleep";
  return {
    activity_date: isoDate(new Date(at.getTime() - DAY)),
    age_band: age,
    sex: r.weighted([["female", 52], ["male", 46], ["unspecified", 2]]),
    region: r.weighted([["US-Northeast", 3], ["US-South", 4], ["US-Midwest", 2.5], ["US-West", 3], ["UK", 1.5], ["EU", 1]]),
    steps,
    active_minutes: Math.round(clamp(steps / 160 + r.normal(0, 8), 0, 240)),
    sleep_minutes: Math.round(clamp(r.normal(sleepCoached ? 442 : 421, sleepCoached ? 42 : 58), 230, 640)),
    resting_heart_rate: Math.round(clamp(r.normal(61 + ageIdx * 1.5, 7), 42, 98)),
    wearable_synced: r.bool(sleepCoached ? 0.95 : 0.7),
  };
};

const ITEM_PRICE: Record<string, number> = { supermarket: 3.8, discount: 2.9, convenience: 4.2, hypermarket: 3.4, online_pickup: 3.6 };
const basketRow: RowGen = (r, at, product) => {
  const loyalty = product === "lumen-loyalty";
  const format = loyalty
    ? r.weighted([["supermarket", 4], ["discount", 2], ["hypermarket", 2], ["online_pickup", 2]])
    : r.weighted([["supermarket", 5], ["discount", 3], ["convenience", 2], ["hypermarket", 1]]);
  const items =
    format === "convenience" ? r.int(1, 6) : Math.round(clamp(r.normal(format === "online_pickup" ? 28 : 16, 8), 1, 80));
  const total = items * (ITEM_PRICE[format] ?? 3.5) * r.between(0.8, 1.25);
  return {
    purchased_at: iso(at),
    metro: r.weighted(METROS),
    store_format: format,
    basket_items: items,
    basket_total_usd: round(total),
    private_label_share: round(clamp(r.normal(format === "discount" ? 0.42 : 0.22, 0.09), 0, 0.9)),
    promo_items: r.int(0, Math.floor(items * 0.35)),
    loyalty_member: loyalty || r.bool(0.55),
  };
};

const ORDER_MEDIAN: Record<string, number> = { apparel: 78, electronics: 220, home_goods: 115, beauty: 42, grocery: 68, rideshare: 22 };
const checkoutRow: RowGen = (r, at, product) => {
  const category =
    product === "nw-ride" ? "rideshare"
    : product === "acme-telehealth" ? "healthcare"
    : r.weighted([["apparel", 3], ["electronics", 2], ["home_goods", 2], ["beauty", 2], ["grocery", 1]]);
  const country =
    category === "rideshare" ? "US" : category === "healthcare" ? r.weighted([["US", 9], ["CA", 1]]) : r.weighted(COUNTRIES);
  const device =
    category === "rideshare" ? r.weighted([["ios", 55], ["android", 45]])
    : r.weighted([["ios", 4], ["android", 3], ["web_mobile", 2], ["web_desktop", 2]]);
  const value =
    category === "healthcare" ? r.pick([29, 49, 79, 119]) + r.pick([0, 0, 0, 15])
    : clamp(r.skewed(ORDER_MEDIAN[category] ?? 60, 0.55), 4, 2500);
  const europe = country !== "US" && country !== "CA";
  const method = r.weighted([
    ["card_credit", 4],
    ["card_debit", europe ? 4 : 3],
    ["apple_pay", device === "ios" || device === "web_mobile" ? 2.5 : 0.3],
    ["google_pay", device === "android" ? 2.5 : 0.2],
    ["paypal", 1.5],
    ["bnpl", value >= 35 && category !== "rideshare" ? (europe ? 2 : 1.2) : 0],
    ["ach", category === "healthcare" && !europe ? 0.6 : 0],
  ]);
  const challenged = method.startsWith("card") && r.bool(europe ? 0.35 : 0.06);
  return {
    checkout_at: iso(at),
    merchant_category: category,
    country,
    device,
    order_value_usd: round(value),
    payment_method: method,
    installments: method === "bnpl" ? r.weighted([[4, 8], [6, 1], [12, 1]]) : 1,
    three_ds_challenged: challenged,
    approved: r.bool(method === "bnpl" ? 0.88 : challenged ? 0.9 : 0.95),
  };
};

const APP_CATEGORY: Record<string, [string, number]> = {
  "nw-ride": ["travel_transport", 140],
  "acme-steps": ["health_fitness", 95],
  "acme-sleep": ["health_fitness", 60],
  "lumen-loyalty": ["shopping", 210],
  "kestrel-maps": ["travel_transport", 180],
};
const engagementRow: RowGen = (r, at, product) => {
  const [category, median] = APP_CATEGORY[product] ?? ["utilities", 90];
  const ios = r.bool(0.56);
  const seconds = Math.round(clamp(r.skewed(median, 0.7), 4, 3600));
  return {
    session_start_at: iso(at),
    app_category: category,
    platform: ios ? "ios" : "android",
    os_version: ios
      ? r.weighted([["iOS 27.1", at >= new Date("2026-10-27T00:00:00Z") ? 4 : 0], ["iOS 27.0", 3], ["iOS 26.6", 3], ["iOS 18.7", 1]])
      : r.weighted([["Android 17", 2], ["Android 16", 4], ["Android 15", 3], ["Android 14", 1]]),
    country: r.weighted(COUNTRIES),
    session_length_sec: seconds,
    screens_viewed: Math.max(1, Math.round(seconds / 25 + r.normal(0, 2))),
    push_opened: r.bool(0.12),
    crashed: r.bool(ios ? 0.006 : 0.009),
  };
};

const refillRow: RowGen = (r, at) => {
  const gap = Math.round(clamp(r.normal(3, 7), -10, 45));
  return {
    fill_date: isoDate(at),
    therapeutic_class: r.weighted([["statins", 4], ["antihypertensives", 4], ["antidiabetics", 3], ["ssri", 2], ["thyroid", 2]]),
    days_supply: r.weighted([[30, 6], [90, 3], [28, 1]]),
    refill_gap_days: gap,
    on_time: gap <= 7,
    age_band: r.weighted(AGE_BANDS),
    channel: r.weighted([["retail", 4], ["mail_order", 1]]),
  };
};

export const PACKS: readonly PackSeed[] = [
  {
    slug: "urban-trip-flows",
    title: "Urban Trip Flows",
    summary: "Ride-hailing and micromobility trips across five US metros, zoned to H3 cells.",
    description: paragraphs(
      "Urban Trip Flows is a trip-level feed of ride-hailing, shared-ride, e-scooter and e-bike journeys in New York, San Francisco, Chicago, Austin and Seattle. Each row is one completed trip with its start time, pick-up and drop-off zones, distance, duration and the fare the rider paid, including surge pricing.",
      "Locations are snapped to H3 resolution-7 cells (about 5 km²) and no rider or driver identifier is ever included, so the pack is safe to join with your own geospatial data. Trips are ingested within minutes of completion.",
      "Typical uses: origin-destination demand models, curb and transit planning, pricing benchmarks for mobility operators, and footfall proxies for retail real estate.",
    ),
    category: "Mobility",
    revenueShareBps: 5000,
    status: "active",
    createdAt: "2026-07-14T10:00:00Z",
    prices: { standard: 7900, pro: 29900, enterprise: 149900 },
    hours: COMMUTE,
    columns: [
      col("trip_start_at", "timestamp", "When the trip started (UTC)."),
      col("city", "string", "Metro area the trip started in."),
      col("origin_zone", "string", "H3 resolution-7 cell of the pick-up point."),
      col("destination_zone", "string", "H3 resolution-7 cell of the drop-off point."),
      col("mode", "string", "ride, shared_ride, scooter or ebike."),
      col("distance_km", "number", "Distance travelled, in kilometres."),
      col("duration_min", "integer", "Trip duration, in whole minutes."),
      col("fare_usd", "number", "Fare paid by the rider before tips, in US dollars."),
      col("surge_multiplier", "number", "Dynamic pricing multiplier applied (1.0 = none)."),
    ],
    row: tripRow,
  },
  {
    slug: "ev-charging-sessions",
    title: "EV Charging Sessions",
    summary: "Session-level Level 2 and DC fast charging data from fleet depots and retail car parks.",
    description: paragraphs(
      "Every row is one completed electric-vehicle charging session: when it started, the charger type, energy delivered, peak power, duration and the price per kWh the driver paid. Sessions come from commercial fleet depots and from chargers installed in the car parks of grocery and big-box retailers.",
      "Use it to size charging demand by state and hour, benchmark kWh pricing and idle fees, or estimate grid load from public and fleet charging. Site addresses and vehicle identifiers are never included; the region is the US state.",
    ),
    category: "Energy",
    revenueShareBps: 4500,
    status: "active",
    createdAt: "2026-07-16T10:00:00Z",
    prices: { standard: 5900, pro: 24900, enterprise: 119900 },
    hours: CHARGING,
    columns: [
      col("session_start_at", "timestamp", "When the vehicle was plugged in (UTC)."),
      col("region", "string", "US state, as an ISO 3166-2 code."),
      col("site_type", "string", "fleet_depot, retail_parking or workplace."),
      col("charger_type", "string", "L2 (AC, up to 19 kW) or DCFC (DC fast charging)."),
      col("energy_kwh", "number", "Energy delivered to the vehicle, in kWh."),
      col("duration_min", "integer", "Minutes between plug-in and unplug."),
      col("peak_power_kw", "number", "Highest power drawn during the session, in kW."),
      col("price_per_kwh_usd", "number", "Energy price charged, in US dollars per kWh."),
      col("idle_fee_applied", "boolean", "Whether the driver paid an idle fee for overstaying."),
    ],
    row: chargingRow,
  },
  {
    slug: "daily-activity-benchmarks",
    title: "Daily Activity & Sleep Benchmarks",
    summary: "De-identified daily steps, activity, sleep and resting heart rate by age band and region.",
    description: paragraphs(
      "One row per consenting user-day from consumer fitness and sleep apps: steps, active minutes, minutes asleep and resting heart rate, together with a coarse age band, sex and region. Users opted in to research sharing inside the contributing apps.",
      "Demographics are banded so that every combination covers many users, and no identifier, exact location or device serial is ever included. Rows land the morning after the day they describe, once wearables have synced.",
      "Insurers, researchers and wellness programs use the pack to build population baselines, track seasonal changes in activity and sleep, and evaluate interventions against a realistic control group.",
    ),
    category: "Health",
    revenueShareBps: 4000,
    status: "active",
    createdAt: "2026-07-20T10:00:00Z",
    prices: { standard: 9900, pro: 39900, enterprise: 189900 },
    hours: MORNING_SYNC,
    columns: [
      col("activity_date", "date", "Calendar day the measurements describe."),
      col("age_band", "string", "Age band of the user, e.g. 25-34."),
      col("sex", "string", "female, male or unspecified."),
      col("region", "string", "Coarse region: US census region, UK or EU."),
      col("steps", "integer", "Steps counted over the day."),
      col("active_minutes", "integer", "Minutes of moderate or vigorous activity."),
      col("sleep_minutes", "integer", "Minutes asleep during the night that ended on this day."),
      col("resting_heart_rate", "integer", "Resting heart rate, in beats per minute."),
      col("wearable_synced", "boolean", "Whether the data came from a wearable rather than the phone alone."),
    ],
    row: activityRow,
  },
  {
    slug: "grocery-basket-index",
    title: "Grocery Basket Index",
    summary: "Receipt-level grocery baskets: size, spend, private-label share and promotions by store format.",
    description: paragraphs(
      "The Grocery Basket Index records one row per checkout at mid-size US grocers: the number of items, the basket total, the share of private-label products and how many items were bought on promotion. Receipts are captured at the point of sale and from digital loyalty receipts.",
      "Store names and card details are never included; each basket carries only its metro area and store format (supermarket, discount, convenience, hypermarket or online pick-up). That is enough to follow trading-down, promotion intensity and basket inflation week by week.",
    ),
    category: "Retail",
    revenueShareBps: 5500,
    status: "active",
    createdAt: "2026-07-22T10:00:00Z",
    prices: { standard: 4900, pro: 19900, enterprise: 99900 },
    hours: SHOPPING,
    columns: [
      col("purchased_at", "timestamp", "When the basket was paid (UTC)."),
      col("metro", "string", "Metro area of the store."),
      col("store_format", "string", "supermarket, discount, convenience, hypermarket or online_pickup."),
      col("basket_items", "integer", "Number of items in the basket."),
      col("basket_total_usd", "number", "Amount paid after discounts, in US dollars."),
      col("private_label_share", "number", "Share of items that are store brands, from 0 to 1."),
      col("promo_items", "integer", "Items bought on promotion or with a coupon."),
      col("loyalty_member", "boolean", "Whether a loyalty account was attached to the purchase."),
    ],
    row: basketRow,
  },
  {
    slug: "checkout-payment-mix",
    title: "Checkout Payment Mix",
    summary: "Which payment methods shoppers choose, and how often they are approved, by category and country.",
    description: paragraphs(
      "Checkout Payment Mix tracks online and in-app checkouts across retail, rideshare and healthcare merchants: the order value, the payment method chosen (credit or debit card, Apple Pay, Google Pay, PayPal, buy-now-pay-later or ACH), the number of instalments, whether 3-D Secure challenged the buyer and whether the payment was approved.",
      "Merchants, card numbers and shopper identities never appear; rows carry only the merchant category, country and device. Fintech teams use the pack to size BNPL adoption, compare wallet share between iOS and Android, and benchmark approval rates against their own.",
    ),
    category: "Finance",
    revenueShareBps: 3500,
    status: "active",
    createdAt: "2026-07-27T10:00:00Z",
    prices: { standard: 12900, pro: 44900, enterprise: 199900 },
    hours: SHOPPING,
    columns: [
      col("checkout_at", "timestamp", "When the payment was attempted (UTC)."),
      col("merchant_category", "string", "apparel, electronics, home_goods, beauty, grocery, rideshare or healthcare."),
      col("country", "string", "Shopper's country, ISO 3166-1 alpha-2."),
      col("device", "string", "ios, android, web_mobile or web_desktop."),
      col("order_value_usd", "number", "Order value, converted to US dollars."),
      col("payment_method", "string", "card_credit, card_debit, apple_pay, google_pay, paypal, bnpl or ach."),
      col("installments", "integer", "Number of instalments (1 unless paid with BNPL)."),
      col("three_ds_challenged", "boolean", "Whether 3-D Secure asked the shopper to authenticate."),
      col("approved", "boolean", "Whether the payment was approved."),
    ],
    row: checkoutRow,
  },
  {
    slug: "mobile-app-engagement",
    title: "Mobile App Engagement Benchmarks",
    summary: "Session length, depth, push opens and crash rates for consumer apps, by category and platform.",
    description: paragraphs(
      "One row per app session from consumer apps in the travel, health and fitness, and shopping categories: session length, screens viewed, whether the session started from a push notification, and whether it ended in a crash, with platform, OS version and country.",
      "Product and growth teams use the pack as an outside benchmark: how long sessions last in their category, how iOS and Android differ, how quickly new OS versions are adopted, and what a normal crash rate looks like. No device, advertising or user identifier is included.",
    ),
    category: "Web Analytics",
    revenueShareBps: 6000,
    status: "active",
    createdAt: "2026-07-29T10:00:00Z",
    prices: { standard: 3900, pro: 14900, enterprise: 79900 },
    hours: APP_USE,
    columns: [
      col("session_start_at", "timestamp", "When the app came to the foreground (UTC)."),
      col("app_category", "string", "App store category: travel_transport, health_fitness or shopping."),
      col("platform", "string", "ios or android."),
      col("os_version", "string", "Operating system and version, e.g. iOS 27.0."),
      col("country", "string", "Country, ISO 3166-1 alpha-2."),
      col("session_length_sec", "integer", "Seconds until the app went to the background."),
      col("screens_viewed", "integer", "Distinct screens shown during the session."),
      col("push_opened", "boolean", "Whether the session started from a push notification."),
      col("crashed", "boolean", "Whether the session ended in a crash."),
    ],
    row: engagementRow,
  },
  {
    slug: "pharmacy-refill-adherence",
    title: "Pharmacy Refill Adherence",
    summary: "Prescription refill timing by therapeutic class: a preview of an upcoming Health pack.",
    description: paragraphs(
      "Pharmacy Refill Adherence will report, for each prescription fill, the therapeutic class, days of supply and how many days early or late the refill came, by age band and pharmacy channel.",
      "The pack is in preparation while contributors complete their data-sharing review; it is not yet offered to buyers.",
    ),
    category: "Health",
    revenueShareBps: 5000,
    status: "draft",
    createdAt: "2026-11-02T10:00:00Z",
    prices: { standard: 9900, pro: 34900, enterprise: 159900 },
    hours: SHOPPING,
    columns: [
      col("fill_date", "date", "Day the prescription was filled."),
      col("therapeutic_class", "string", "Drug class, e.g. statins."),
      col("days_supply", "integer", "Days of medication dispensed."),
      col("refill_gap_days", "integer", "Days between running out and refilling (negative = early)."),
      col("on_time", "boolean", "Whether the refill came at most 7 days late."),
      col("age_band", "string", "Age band of the patient."),
      col("channel", "string", "retail or mail_order."),
    ],
    row: refillRow,
  },
];

// ---------- Opt-ins ----------

export type OptInSeed = {
  product: string;
  pack: string;
  enabled: boolean;
  /** Relative share of the pack's rows while the opt-in is on. */
  weight: number;
  periods: readonly { startedAt: string; endedAt: string | null }[];
};
const on = (product: string, pack: string, weight: number, since = OPT_IN_START): OptInSeed => ({
  product, pack, weight, enabled: true, periods: [{ startedAt: since, endedAt: null }],
});
/** Harbor Commerce joined the marketplace's packs on 1 October: its rows start then. */
const HARBOR_START = "2026-10-01T00:00:00Z";

export const OPT_INS: readonly OptInSeed[] = [
  on("nw-ride", "urban-trip-flows", 3),
  on("nw-scooters", "urban-trip-flows", 2),
  on("nw-fleet", "ev-charging-sessions", 3),
  on("lumen-storeops", "ev-charging-sessions", 2),
  on("acme-steps", "daily-activity-benchmarks", 3),
  on("acme-sleep", "daily-activity-benchmarks", 2),
  on("lumen-checkout", "grocery-basket-index", 3),
  on("lumen-loyalty", "grocery-basket-index", 2),
  on("lumen-checkout", "checkout-payment-mix", 4),
  on("nw-ride", "checkout-payment-mix", 2),
  on("acme-telehealth", "checkout-payment-mix", 1),
  on("nw-ride", "mobile-app-engagement", 2),
  on("acme-steps", "mobile-app-engagement", 2),
  on("lumen-loyalty", "mobile-app-engagement", 2),
  // The other sellers, so every active pack has at least three contributing orgs.
  on("kestrel-maps", "urban-trip-flows", 2),
  on("harbor-bikes", "urban-trip-flows", 1, HARBOR_START),
  on("kestrel-maps", "ev-charging-sessions", 1),
  on("kestrel-fit", "daily-activity-benchmarks", 2),
  on("harbor-wellness", "daily-activity-benchmarks", 1, HARBOR_START),
  on("kestrel-pantry", "grocery-basket-index", 2),
  on("harbor-pay", "grocery-basket-index", 1, HARBOR_START),
  on("harbor-pay", "checkout-payment-mix", 2, HARBOR_START),
  on("kestrel-maps", "mobile-app-engagement", 1),
  // Switched on for September, switched off on 15 October: its history still counts for those weeks.
  {
    product: "acme-sleep",
    pack: "mobile-app-engagement",
    weight: 2,
    enabled: false,
    periods: [{ startedAt: "2026-09-01T00:00:00Z", endedAt: "2026-10-15T00:00:00Z" }],
  },
];

// How often each pack's rows arrive, as its page tells buyers (packs not listed: see
// src/lib/pack-terms.ts). A constant beside the seed rather than a column: it describes how the
// contributing products send sessions, which the seed decides.
export const PACK_UPDATE_FREQUENCY: Readonly<Record<string, string>> = {
  "urban-trip-flows": "Continuously, within minutes of each trip",
  "ev-charging-sessions": "Continuously, as charging sessions end",
  "daily-activity-benchmarks": "Daily, the morning after the day described",
  "grocery-basket-index": "Continuously, as baskets are checked out",
  "checkout-payment-mix": "Continuously, as payments are authorised",
  "mobile-app-engagement": "Hourly, as app sessions are uploaded",
  "pharmacy-refill-adherence": "Daily, from pharmacy refill batches",
};

// ---------- The plan: every record the seed writes ----------

export type SeedPlan = ReturnType<typeof buildSeedPlan>;

const byKey = <T extends { key: string }>(items: readonly T[], key: string): T => {
  const item = items.find((i) => i.key === key);
  if (!item) throw new Error(`seed-data: unknown key "${key}"`);
  return item;
};
const orgId = (key: string) => seedId(`org:${key}`);
const productId = (key: string) => seedId(`product:${key}`);
const packId = (slug: string) => seedId(`pack:${slug}`);
const userId = (email: string) => seedId(`user:${email}`);
const optInKey = (o: OptInSeed) => `${o.product}/${o.pack}`;

/** Whole UTC days of the opt-in's periods that fall inside [ROWS_FROM, ROWS_UNTIL). */
function activeDays(o: OptInSeed): number[] {
  const days: number[] = [];
  for (let t = ROWS_FROM.getTime(); t < ROWS_UNTIL.getTime(); t += DAY) {
    if (o.periods.some((p) => Date.parse(p.startedAt) <= t && (p.endedAt === null || t < Date.parse(p.endedAt)))) days.push(t);
  }
  return days;
}

function sessionTime(r: Rand, days: readonly number[], hours: readonly number[]): Date {
  const localHour = r.weighted(hours.map((w, h) => [h, w] as const));
  const utcHour = (localHour + 5) % 24;
  return new Date(r.pick(days) + utcHour * HOUR + r.int(0, 59) * 60_000 + r.int(0, 59) * 1000);
}

/** The rows of one pack, oldest first, each attributed to one of its opt-ins (weighted by time on). */
export function generatePackRows(pack: PackSeed, optIns: readonly OptInSeed[], count: number, seed = pack.slug) {
  const r = new Rand(`rows:${seed}`);
  const sources = optIns.map((o) => ({ optIn: o, days: activeDays(o) })).filter((s) => s.days.length > 0);
  if (sources.length === 0) return [];
  const rows = Array.from({ length: count }, () => {
    const { optIn, days } = r.weighted(sources.map((s) => [s, s.optIn.weight * s.days.length] as const));
    const at = sessionTime(r, days, pack.hours);
    return { optIn, at, data: pack.row(r, at, optIn.product) };
  });
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function sampleRows(pack: PackSeed): RowData[] {
  const optIns = OPT_INS.filter((o) => o.pack === pack.slug);
  const stand = optIns.length > 0 ? optIns : [on(PRODUCTS[0]?.key ?? "", pack.slug, 1)];
  return generatePackRows(pack, stand, 5, `${pack.slug}:sample`).map((row) => row.data);
}

const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));

export function buildSeedPlan() {
  const users = USERS.map((u) => ({
    id: userId(u.email),
    email: u.email,
    name: u.name,
    emailVerified: new Date(u.createdAt),
    createdAt: new Date(u.createdAt),
  }));
  const orgs = ORGS.map((o) => ({ id: orgId(o.key), slug: o.slug, name: o.name, createdAt: new Date(o.createdAt) }));
  const memberships = MEMBERSHIPS.map((m) => ({
    id: seedId(`membership:${m.email}/${m.org}`),
    userId: userId(m.email),
    orgId: orgId(m.org),
    role: m.role,
    createdAt: new Date(byKey(ORGS, m.org).createdAt),
  }));
  const orgSettings = ORGS.map((o) => ({
    orgId: orgId(o.key),
    marketplaceOptIn: o.side === "seller",
    updatedAt: new Date(o.side === "seller" ? OPT_IN_START : o.createdAt),
  }));
  // The global switch's history: every seller switched it on at OPT_IN_START and left it on.
  const marketplacePeriods = ORGS.filter((o) => o.side === "seller").map((o) => ({
    id: seedId(`marketplace-period:${o.key}/0`),
    orgId: orgId(o.key),
    startedAt: new Date(OPT_IN_START),
    endedAt: null,
  }));
  const products = PRODUCTS.map((p) => ({
    id: productId(p.key),
    orgId: orgId(p.org),
    name: p.name,
    description: p.description,
    createdAt: new Date(byKey(ORGS, p.org).createdAt),
  }));
  const packs = PACKS.map((p) => ({
    id: packId(p.slug),
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    description: p.description,
    category: p.category,
    rowSchema: p.columns,
    sampleRows: sampleRows(p),
    revenueShareBps: p.revenueShareBps,
    minContributors: p.minContributors ?? 3,
    status: p.status,
    createdAt: new Date(p.createdAt),
  }));
  const tierNames: TierName[] = ["standard", "pro", "enterprise"];
  const tiers = PACKS.flatMap((p) =>
    tierNames.map((tier) => ({
      id: seedId(`tier:${p.slug}/${tier}`),
      packId: packId(p.slug),
      tier,
      priceCents: p.prices[tier],
      currency: "usd",
      rowQuota: TIER_QUOTAS[tier],
      stripePriceId: null,
    })),
  );
  const optInOrg = (o: OptInSeed) => orgId(byKey(PRODUCTS, o.product).org);
  const optIns = OPT_INS.map((o) => ({
    id: seedId(`optin:${optInKey(o)}`),
    orgId: optInOrg(o),
    productId: productId(o.product),
    packId: packId(o.pack),
    enabled: o.enabled,
    updatedAt: new Date(o.periods.reduce((last, p) => p.endedAt ?? p.startedAt, OPT_IN_START)),
  }));
  const optInPeriods = OPT_INS.flatMap((o) =>
    o.periods.map((p, i) => ({
      id: seedId(`period:${optInKey(o)}/${i}`),
      membershipId: seedId(`optin:${optInKey(o)}`),
      startedAt: new Date(p.startedAt),
      endedAt: p.endedAt === null ? null : new Date(p.endedAt),
    })),
  );

  const rows: {
    packId: string;
    contributorOrgId: string;
    productId: string;
    clientSessionId: string;
    data: RowData;
    sessionAt: Date;
    createdAt: Date;
  }[] = [];
  const sessions = new Map<string, { orgId: string; productId: string; packId: string; month: Date; sessions: number }>();
  for (const pack of PACKS.filter((p) => p.status === "active")) {
    const lagRand = new Rand(`lag:${pack.slug}`);
    for (const [i, row] of generatePackRows(pack, OPT_INS.filter((o) => o.pack === pack.slug), ROWS_PER_PACK).entries()) {
      const base = { orgId: optInOrg(row.optIn), productId: productId(row.optIn.product), packId: packId(pack.slug) };
      rows.push({
        packId: base.packId,
        contributorOrgId: base.orgId,
        productId: base.productId,
        // As the seller's ingest would have sent it: its own id for the session, unique in the org.
        clientSessionId: `${row.optIn.product}-${pack.slug}-${String(i).padStart(4, "0")}`,
        data: row.data,
        sessionAt: row.at,
        createdAt: new Date(row.at.getTime() + lagRand.int(40, 900) * 1000),
      });
      const month = monthStart(row.at);
      const key = `${base.orgId}|${base.productId}|${base.packId}|${isoDate(month)}`;
      const entry = sessions.get(key) ?? { ...base, month, sessions: 0 };
      entry.sessions += 1;
      sessions.set(key, entry);
    }
  }
  const contributions = [...sessions.entries()].map(([key, c]) => ({ id: seedId(`contribution:${key}`), ...c }));

  return { users, orgs, memberships, orgSettings, marketplacePeriods, products, packs, tiers, optIns, optInPeriods, rows, contributions };
}

/**
 * Last month's money in the demo (scripts/lib/demo-payouts.ts): the second buyer org subscribes to
 * these packs through the Stripe fake, paid on `day` of last month, so the pools have real Stripe
 * revenue behind them; the sellers in `connected` get a Connect account that can receive payouts
 * (the others' statements are carried forward); then last month is finalized and paid out.
 */
export const DEMO_PAYOUTS = {
  buyer: "fjord",
  buyerEmail: "jonas@fjordcapital.example",
  purchases: [
    { pack: "ev-charging-sessions", tier: "pro", day: 6 },
    { pack: "grocery-basket-index", tier: "enterprise", day: 9 },
    { pack: "daily-activity-benchmarks", tier: "standard", day: 13 },
  ],
} as const satisfies { buyer: string; buyerEmail: string; purchases: readonly { pack: string; tier: TierName; day: number }[] };
