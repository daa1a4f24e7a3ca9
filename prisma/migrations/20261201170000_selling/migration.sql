-- CreateEnum
CREATE TYPE "ApiKeyScope" AS ENUM ('read', 'ingest');

-- DropForeignKey
ALTER TABLE "contributions" DROP CONSTRAINT "contributions_productId_fkey";

-- DropForeignKey
ALTER TABLE "pack_org_memberships" DROP CONSTRAINT "pack_org_memberships_productId_fkey";

-- DropForeignKey
ALTER TABLE "pack_rows" DROP CONSTRAINT "pack_rows_productId_fkey";

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "scope" "ApiKeyScope" NOT NULL DEFAULT 'read';

-- AlterTable
ALTER TABLE "pack_rows" ADD COLUMN     "clientSessionId" TEXT;

-- AlterTable
ALTER TABLE "packs" ADD COLUMN     "minContributors" INTEGER NOT NULL DEFAULT 3;

-- CreateTable
CREATE TABLE "marketplace_opt_in_periods" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "marketplace_opt_in_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pack_contributors" (
    "packId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "firstContributedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pack_contributors_pkey" PRIMARY KEY ("packId","orgId")
);

-- CreateIndex
CREATE INDEX "marketplace_opt_in_periods_orgId_startedAt_idx" ON "marketplace_opt_in_periods"("orgId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "pack_rows_contributorOrgId_clientSessionId_key" ON "pack_rows"("contributorOrgId", "clientSessionId");

-- CreateIndex
CREATE UNIQUE INDEX "products_id_orgId_key" ON "products"("id", "orgId");

-- AddForeignKey
ALTER TABLE "marketplace_opt_in_periods" ADD CONSTRAINT "marketplace_opt_in_periods_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pack_org_memberships" ADD CONSTRAINT "pack_org_memberships_productId_orgId_fkey" FOREIGN KEY ("productId", "orgId") REFERENCES "products"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pack_rows" ADD CONSTRAINT "pack_rows_productId_contributorOrgId_fkey" FOREIGN KEY ("productId", "contributorOrgId") REFERENCES "products"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pack_contributors" ADD CONSTRAINT "pack_contributors_packId_fkey" FOREIGN KEY ("packId") REFERENCES "packs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pack_contributors" ADD CONSTRAINT "pack_contributors_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_productId_orgId_fkey" FOREIGN KEY ("productId", "orgId") REFERENCES "products"("id", "orgId") ON DELETE CASCADE ON UPDATE CASCADE;


-- The distinct contributors of each pack, kept by the database whatever writes pack_rows: the
-- privacy threshold (packs.minContributors) counts them. Statement-level, so an ingest batch of
-- 1,000 rows costs one small insert, not 1,000.
CREATE FUNCTION pack_rows_record_contributors() RETURNS trigger AS $$
BEGIN
  INSERT INTO pack_contributors ("packId", "orgId", "firstContributedAt")
  SELECT "packId", "contributorOrgId", min("createdAt") FROM new_rows GROUP BY 1, 2
  ON CONFLICT ("packId", "orgId") DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER pack_rows_record_contributors
AFTER INSERT ON pack_rows REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION pack_rows_record_contributors();

INSERT INTO pack_contributors ("packId", "orgId", "firstContributedAt")
SELECT "packId", "contributorOrgId", min("createdAt") FROM pack_rows GROUP BY 1, 2;

-- The global switch's history starts with its state today.
INSERT INTO marketplace_opt_in_periods ("id", "orgId", "startedAt", "endedAt")
SELECT 'mkt_' || "orgId", "orgId", "updatedAt", NULL FROM org_settings WHERE "marketplaceOptIn";
