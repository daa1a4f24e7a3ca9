-- CreateEnum
CREATE TYPE "StripeEventStatus" AS ENUM ('pending', 'processed', 'ignored', 'failed', 'dead');

-- DropForeignKey
ALTER TABLE "buyer_subscriptions" DROP CONSTRAINT "buyer_subscriptions_buyerOrgId_fkey";

-- DropForeignKey
ALTER TABLE "buyer_usage_counters" DROP CONSTRAINT "buyer_usage_counters_subscriptionId_fkey";

-- DropForeignKey
ALTER TABLE "org_monthly_statements" DROP CONSTRAINT "org_monthly_statements_orgId_fkey";

-- DropForeignKey
ALTER TABLE "payouts" DROP CONSTRAINT "payouts_orgId_fkey";

-- DropForeignKey
ALTER TABLE "payouts" DROP CONSTRAINT "payouts_statementId_fkey";

-- DropForeignKey
ALTER TABLE "statement_lines" DROP CONSTRAINT "statement_lines_statementId_fkey";

-- AlterTable
ALTER TABLE "api_keys" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "lastUsedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastUsedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "revokedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "revokedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "buyer_subscriptions" ADD COLUMN     "isDuplicate" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "liveSlot" BOOLEAN,
ALTER COLUMN "currentPeriodStart" SET DATA TYPE TIMESTAMPTZ(3) USING "currentPeriodStart" AT TIME ZONE 'UTC',
ALTER COLUMN "currentPeriodEnd" SET DATA TYPE TIMESTAMPTZ(3) USING "currentPeriodEnd" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "buyer_usage_counters" ALTER COLUMN "periodStart" SET DATA TYPE TIMESTAMPTZ(3) USING "periodStart" AT TIME ZONE 'UTC',
ALTER COLUMN "periodEnd" SET DATA TYPE TIMESTAMPTZ(3) USING "periodEnd" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "contributions" ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "memberships" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "org_billing_profiles" ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "org_monthly_statements" ALTER COLUMN "finalizedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "finalizedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "org_settings" ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "orgs" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "outbox_events" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "nextAttemptAt" SET DATA TYPE TIMESTAMPTZ(3) USING "nextAttemptAt" AT TIME ZONE 'UTC',
ALTER COLUMN "deliveredAt" SET DATA TYPE TIMESTAMPTZ(3) USING "deliveredAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "pack_opt_in_periods" ALTER COLUMN "startedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "startedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "endedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "endedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "pack_org_memberships" ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "pack_rows" ALTER COLUMN "sessionAt" SET DATA TYPE TIMESTAMPTZ(3) USING "sessionAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "packs" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "payouts" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "products" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "revenue" ALTER COLUMN "occurredAt" SET DATA TYPE TIMESTAMPTZ(3) USING "occurredAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "sessions" ALTER COLUMN "expires" SET DATA TYPE TIMESTAMPTZ(3) USING "expires" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "stripe_events" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "status" "StripeEventStatus" NOT NULL DEFAULT 'pending',
ALTER COLUMN "receivedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "receivedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "processedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "processedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "users" ALTER COLUMN "emailVerified" SET DATA TYPE TIMESTAMPTZ(3) USING "emailVerified" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "verification_tokens" ALTER COLUMN "expires" SET DATA TYPE TIMESTAMPTZ(3) USING "expires" AT TIME ZONE 'UTC';

-- CreateTable
CREATE TABLE "open_checkouts" (
    "orgId" TEXT NOT NULL,
    "packId" TEXT NOT NULL,
    "tierId" TEXT NOT NULL,
    "stripeSessionId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "generation" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "open_checkouts_pkey" PRIMARY KEY ("orgId","packId")
);

-- CreateIndex
CREATE UNIQUE INDEX "open_checkouts_stripeSessionId_key" ON "open_checkouts"("stripeSessionId");

-- One live subscription per (org, pack): existing live rows take the slot, oldest first; any later
-- live row for the same pack is a duplicate.
UPDATE "buyer_subscriptions" b SET "isDuplicate" = true
WHERE b."status" IN ('active', 'trialing', 'past_due', 'unpaid', 'paused')
  AND EXISTS (SELECT 1 FROM "buyer_subscriptions" o
              WHERE o."buyerOrgId" = b."buyerOrgId" AND o."packId" = b."packId" AND o."status" IN ('active', 'trialing', 'past_due', 'unpaid', 'paused')
                AND (o."createdAt", o."id") < (b."createdAt", b."id"));
UPDATE "buyer_subscriptions" SET "liveSlot" = true WHERE "status" IN ('active', 'trialing', 'past_due', 'unpaid', 'paused') AND NOT "isDuplicate";

-- The database, not the code, decides who holds the slot: live, non-duplicate subscriptions do.
-- (A trigger rather than a CHECK: Prisma's schema engine cannot introspect CHECK constraints here.)
CREATE FUNCTION buyer_subscriptions_live_slot() RETURNS trigger AS $$
BEGIN
  NEW."liveSlot" := CASE WHEN NEW."status" IN ('active', 'trialing', 'past_due', 'unpaid', 'paused') AND NOT NEW."isDuplicate" THEN true END;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER buyer_subscriptions_live_slot
BEFORE INSERT OR UPDATE ON "buyer_subscriptions"
FOR EACH ROW EXECUTE FUNCTION buyer_subscriptions_live_slot();

-- Already handled events keep their outcome.
UPDATE "stripe_events" SET "status" = 'processed' WHERE "processedAt" IS NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "buyer_subscriptions_buyerOrgId_packId_liveSlot_key" ON "buyer_subscriptions"("buyerOrgId", "packId", "liveSlot");

-- CreateIndex
CREATE INDEX "stripe_events_status_idx" ON "stripe_events"("status");

-- AddForeignKey
ALTER TABLE "buyer_subscriptions" ADD CONSTRAINT "buyer_subscriptions_buyerOrgId_fkey" FOREIGN KEY ("buyerOrgId") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "open_checkouts" ADD CONSTRAINT "open_checkouts_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "open_checkouts" ADD CONSTRAINT "open_checkouts_packId_fkey" FOREIGN KEY ("packId") REFERENCES "packs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "buyer_usage_counters" ADD CONSTRAINT "buyer_usage_counters_subscriptionId_fkey" FOREIGN KEY ("subscriptionId") REFERENCES "buyer_subscriptions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revenue" ADD CONSTRAINT "revenue_buyerOrgId_fkey" FOREIGN KEY ("buyerOrgId") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_monthly_statements" ADD CONSTRAINT "org_monthly_statements_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "org_monthly_statements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "org_monthly_statements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

