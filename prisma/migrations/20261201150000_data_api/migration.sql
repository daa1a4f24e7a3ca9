-- CreateEnum
CREATE TYPE "UsageSource" AS ENUM ('api', 'snapshot');

-- CreateEnum
CREATE TYPE "SnapshotFormat" AS ENUM ('csv', 'jsonl');

-- CreateTable
CREATE TABLE "usage_debits" (
    "id" BIGSERIAL NOT NULL,
    "counterId" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "source" "UsageSource" NOT NULL,
    "apiKeyId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_debits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_daily" (
    "counterId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "rows" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "usage_daily_pkey" PRIMARY KEY ("counterId","day")
);

-- CreateTable
CREATE TABLE "usage_alerts" (
    "counterId" TEXT NOT NULL,
    "thresholdPct" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_alerts_pkey" PRIMARY KEY ("counterId","thresholdPct")
);

-- CreateTable
CREATE TABLE "pack_snapshots" (
    "id" TEXT NOT NULL,
    "packId" TEXT NOT NULL,
    "format" "SnapshotFormat" NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "maxRowId" BIGINT NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pack_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "usage_debits_counterId_createdAt_idx" ON "usage_debits"("counterId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "pack_snapshots_storageKey_key" ON "pack_snapshots"("storageKey");

-- CreateIndex
CREATE INDEX "pack_snapshots_packId_createdAt_idx" ON "pack_snapshots"("packId", "createdAt");

-- AddForeignKey
ALTER TABLE "usage_debits" ADD CONSTRAINT "usage_debits_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "buyer_usage_counters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "buyer_usage_counters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_alerts" ADD CONSTRAINT "usage_alerts_counterId_fkey" FOREIGN KEY ("counterId") REFERENCES "buyer_usage_counters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pack_snapshots" ADD CONSTRAINT "pack_snapshots_packId_fkey" FOREIGN KEY ("packId") REFERENCES "packs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Metering's last line of defence: whatever the code does, a period never serves more than its
-- quota. (A trigger, not a CHECK: Prisma's wasm schema engine cannot introspect CHECK constraints.)
CREATE FUNCTION buyer_usage_counters_within_quota() RETURNS trigger AS $$
BEGIN
  IF NEW."rowsUsed" < 0 OR NEW."rowsUsed" > NEW."rowQuota" THEN
    RAISE EXCEPTION 'rowsUsed % is outside 0..% for usage counter %', NEW."rowsUsed", NEW."rowQuota", NEW."id"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER buyer_usage_counters_within_quota
BEFORE INSERT OR UPDATE ON "buyer_usage_counters"
FOR EACH ROW EXECUTE FUNCTION buyer_usage_counters_within_quota();

-- A snapshot is immutable: its file was counted and downloaded as it is.
CREATE FUNCTION pack_snapshots_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'pack snapshot % is immutable', OLD."id" USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER pack_snapshots_immutable
BEFORE UPDATE ON "pack_snapshots"
FOR EACH ROW EXECUTE FUNCTION pack_snapshots_immutable();
