import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { ORGS } from "../../prisma/seed-data";
import { getDb } from "~/server/db";
import { truncateAll } from "~/test/database";
import { startTestStripe, type TestStripe } from "~/test/stripe";
import { ensureDemoConnectAccounts } from "./demo-connect";

let world: TestStripe;
beforeAll(async () => {
  world = await startTestStripe();
});
afterAll(() => world?.stop());
beforeEach(async () => {
  world.fake.reset();
  // The app is not up when `npm run dev` runs this: nothing takes the fake's events.
  world.fake.setDelivery({ paused: true });
  await seed(getDb());
});

const run = () => ensureDemoConnectAccounts({ db: getDb(), stripe: world.stripe, fake: world.fake });

async function connectOf(key: string) {
  const slug = ORGS.find((o) => o.key === key)!.slug;
  const org = await getDb().org.findUniqueOrThrow({ where: { slug }, select: { id: true } });
  return getDb().orgBillingProfile.findUnique({
    where: { orgId: org.id },
    select: { stripeConnectId: true, connectDetailsSubmitted: true, connectPayoutsEnabled: true },
  });
}

describe("the demo sellers' Connect accounts", () => {
  it("connects Northwind with payouts enabled, leaves Lumen's onboarding unfinished and Acme not connected", async () => {
    await run();
    const northwind = await connectOf("northwind");
    expect(northwind).toMatchObject({ stripeConnectId: expect.stringMatching(/^acct_/), connectDetailsSubmitted: true, connectPayoutsEnabled: true });
    expect(await world.stripe.accounts.retrieve(northwind!.stripeConnectId!)).toMatchObject({ payouts_enabled: true, capabilities: { transfers: "active" } });
    expect(await connectOf("lumen")).toMatchObject({ stripeConnectId: expect.stringMatching(/^acct_/), connectPayoutsEnabled: false });
    expect((await connectOf("acme"))?.stripeConnectId ?? null).toBeNull();
  });

  it("changes nothing when run again, gets the same account back for a wiped database, and replaces accounts a wiped fake forgot", async () => {
    await run();
    const first = { northwind: await connectOf("northwind"), lumen: await connectOf("lumen") };
    const again = await run();
    expect(again.summary).toMatch(/already set up.*already set up/);
    expect({ northwind: await connectOf("northwind"), lumen: await connectOf("lumen") }).toEqual(first);
    expect((await world.stripe.accounts.list({ limit: 100 })).data).toHaveLength(2);

    await truncateAll(process.env.DATABASE_URL!);
    await seed(getDb());
    await run();
    expect(await connectOf("northwind")).toEqual(first.northwind);

    world.fake.reset();
    world.fake.setDelivery({ paused: true });
    await run();
    const replaced = await connectOf("northwind");
    expect(replaced?.stripeConnectId).not.toBe(first.northwind?.stripeConnectId);
    expect(replaced).toMatchObject({ connectPayoutsEnabled: true });
  });
});
