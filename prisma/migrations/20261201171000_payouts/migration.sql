-- CreateEnum
CREATE TYPE "PayoutRunStatus" AS ENUM ('running', 'succeeded', 'failed');

-- DropIndex
DROP INDEX "statement_lines_statementId_packId_kind_key";

-- AlterTable
ALTER TABLE "org_monthly_statements" ADD COLUMN     "paidAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "statement_lines" ADD COLUMN     "poolId" TEXT,
ADD COLUMN     "sourceStatementId" TEXT,
ALTER COLUMN "packId" DROP NOT NULL,
ALTER COLUMN "sessions" SET DEFAULT 0,
ALTER COLUMN "packTotalSessions" SET DEFAULT 0,
ALTER COLUMN "packGrossCents" SET DEFAULT 0;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "platformOperator" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "pack_monthly_pools" (
    "id" TEXT NOT NULL,
    "packId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "grossCents" INTEGER NOT NULL,
    "revenueShareBps" INTEGER NOT NULL,
    "poolCents" INTEGER NOT NULL,
    "totalSessions" INTEGER NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finalizedAt" TIMESTAMPTZ(3),

    CONSTRAINT "pack_monthly_pools_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payout_runs" (
    "id" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "trigger" TEXT NOT NULL,
    "triggeredById" TEXT,
    "status" "PayoutRunStatus" NOT NULL DEFAULT 'running',
    "orgsTotal" INTEGER NOT NULL DEFAULT 0,
    "orgsPaid" INTEGER NOT NULL DEFAULT 0,
    "orgsCarriedForward" INTEGER NOT NULL DEFAULT 0,
    "orgsFailed" INTEGER NOT NULL DEFAULT 0,
    "paidCents" BIGINT NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "payout_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "pack_monthly_pools_month_idx" ON "pack_monthly_pools"("month");

-- CreateIndex
CREATE UNIQUE INDEX "pack_monthly_pools_packId_month_currency_key" ON "pack_monthly_pools"("packId", "month", "currency");

-- CreateIndex
CREATE INDEX "payout_runs_month_startedAt_idx" ON "payout_runs"("month", "startedAt");

-- CreateIndex
CREATE INDEX "statement_lines_sourceStatementId_idx" ON "statement_lines"("sourceStatementId");

-- CreateIndex
CREATE UNIQUE INDEX "statement_lines_statementId_poolId_key" ON "statement_lines"("statementId", "poolId");

-- AddForeignKey
ALTER TABLE "pack_monthly_pools" ADD CONSTRAINT "pack_monthly_pools_packId_fkey" FOREIGN KEY ("packId") REFERENCES "packs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "pack_monthly_pools"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "statement_lines" ADD CONSTRAINT "statement_lines_sourceStatementId_fkey" FOREIGN KEY ("sourceStatementId") REFERENCES "org_monthly_statements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

