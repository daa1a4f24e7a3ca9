/*
  Warnings:

  - You are about to drop the column `stripeStateAt` on the `buyer_subscriptions` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "buyer_subscriptions" DROP COLUMN "stripeStateAt";

-- AlterTable
ALTER TABLE "revenue" ADD COLUMN     "paymentIntentId" TEXT;

-- CreateIndex
CREATE INDEX "revenue_paymentIntentId_idx" ON "revenue"("paymentIntentId");
