// Test data for snapshots and downloads: a pack's rows (with contributors that must never reach a
// file), a subscription with its current usage counter, and a local snapshot folder per test file.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDb, type Prisma } from "~/server/db";
import { makeOrg, uid } from "./factories";

// `count` rows for the pack from one contributing org and product; `data(i)` is row i's data.
export async function addPackRows(packId: string, count: number, data: (i: number) => Prisma.InputJsonObject = (i) => ({ city: `City ${i}`, trips: i })) {
  const db = getDb();
  const contributor = await makeOrg({ name: `Contributor ${uid()}` });
  const product = await db.product.create({ data: { orgId: contributor.id, name: `Secret product ${uid()}` } });
  for (let start = 0; start < count; start += 5_000) {
    const size = Math.min(5_000, count - start);
    await db.packRow.createMany({
      data: Array.from({ length: size }, (_, k) => ({
        packId,
        contributorOrgId: contributor.id,
        productId: product.id,
        data: data(start + k),
        sessionAt: new Date("2026-11-20T10:00:00Z"),
      })),
    });
  }
  return { contributor, product };
}

type SubscribeOptions = {
  status?: "active" | "past_due" | "canceled";
  rowQuota?: number;
  rowsUsed?: number;
  now?: Date;
};

// A subscription of the org to the pack, with a usage counter whose period contains `now`.
export async function subscribe(orgId: string, packId: string, opts: SubscribeOptions = {}) {
  const db = getDb();
  const now = opts.now ?? new Date();
  const periodStart = new Date(now.getTime() - 2 * 86_400_000);
  const periodEnd = new Date(now.getTime() + 28 * 86_400_000);
  const tier = await db.packTier.findFirstOrThrow({ where: { packId, tier: "standard" } });
  const subscription = await db.buyerSubscription.create({
    data: {
      buyerOrgId: orgId, packId, tierId: tier.id, stripeCustomerId: `cus_${uid()}`, stripeSubscriptionId: `sub_${uid()}`,
      status: opts.status ?? "active", currentPeriodStart: periodStart, currentPeriodEnd: periodEnd,
    },
  });
  const counter = await db.buyerUsageCounter.create({
    data: { subscriptionId: subscription.id, periodStart, periodEnd, rowQuota: opts.rowQuota ?? tier.rowQuota, rowsUsed: opts.rowsUsed ?? 0, tierId: tier.id },
  });
  return { subscription, counter };
}

// A fresh local snapshot folder, used by getSnapshotStorage() through SNAPSHOT_DIR.
export async function useTempSnapshotDir() {
  const dir = await mkdtemp(join(tmpdir(), "pm-snapshots-"));
  process.env.SNAPSHOT_DIR = dir;
  return {
    dir,
    async remove() {
      delete process.env.SNAPSHOT_DIR;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
