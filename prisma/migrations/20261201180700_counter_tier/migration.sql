-- The tier a usage period was bought at (tier changes: an upgrade moves it at once, a downgrade at
-- the next period).
-- AlterTable
ALTER TABLE "buyer_usage_counters" ADD COLUMN     "tierId" TEXT;

-- AddForeignKey
ALTER TABLE "buyer_usage_counters" ADD CONSTRAINT "buyer_usage_counters_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "pack_tiers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Periods opened before this were bought at their subscription's tier.
UPDATE "buyer_usage_counters" c SET "tierId" = s."tierId" FROM "buyer_subscriptions" s WHERE s."id" = c."subscriptionId";
