// Applies a list of opt-in changes (the global switch and/or product × pack cells) in one
// transaction. Each change keeps its history: switching on opens a period, switching off closes the
// open one at the same instant, and setting what already holds changes nothing. The rows changed are
// locked first (the org's settings row, then the cells in (product, pack) order, so two requests
// never deadlock), and the time is read from the database after the locks are held: concurrent
// toggles of one cell run one after the other, and never leave two open periods or a period that
// starts before the previous one ended.
import { randomUUID } from "node:crypto";
import { invalidateCatalogue } from "~/server/cache/catalogue";
import type { Db, Prisma } from "~/server/db";
import { AppError } from "~/server/errors";
import type { OptInChange, SetOptInInput } from "./opt-in-schemas";

type Tx = Prisma.TransactionClient;

export type SetOptInResult = { changed: number };

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

export async function setOptIn(db: Db, input: SetOptInInput & { orgId: string; now?: Date }): Promise<SetOptInResult> {
  const changes = sortedUnique(input.changes ?? []);
  const result = await db.$transaction(async (tx) => {
    await assertCellsOpen(tx, input.orgId, changes);
    const settings = input.marketplaceOptIn === undefined ? null : await lockSettings(tx, input.orgId);
    const cells = await lockCells(tx, input.orgId, changes);
    const now = input.now ?? (await databaseNow(tx));

    let changed = 0;
    if (settings && input.marketplaceOptIn !== undefined && settings.marketplaceOptIn !== input.marketplaceOptIn) {
      await switchGlobal(tx, input.orgId, input.marketplaceOptIn, now);
      changed += 1;
    }
    const toggled = changes.flatMap((change) => {
      const cell = cells.get(cellKey(change));
      if (!cell) throw new Error(`setOptIn: cell ${cellKey(change)} was not locked`);
      return cell.enabled === change.enabled ? [] : [{ id: cell.id, enabled: change.enabled }];
    });
    await toggleCells(tx, toggled, now);
    return { changed: changed + toggled.length };
  }, TRANSACTION_OPTIONS);
  // The catalogue shows who feeds each pack: once committed, every app process reads it afresh.
  if (result.changed > 0) await invalidateCatalogue();
  return result;
}

const cellKey = (c: { productId: string; packId: string }) => `${c.productId}\u0000${c.packId}`;

function sortedUnique(changes: OptInChange[]): OptInChange[] {
  const seen = new Set<string>();
  for (const change of changes) {
    if (seen.has(cellKey(change))) {
      throw new AppError("invalid_request", `Product ${change.productId} and pack ${change.packId} appear twice: send each cell at most once.`);
    }
    seen.add(cellKey(change));
  }
  return [...changes].sort((a, b) => (cellKey(a) < cellKey(b) ? -1 : cellKey(a) > cellKey(b) ? 1 : 0));
}

// Products must be the org's (another org's is not_found, like a missing one); packs must exist,
// and only an active pack takes new contributors (switching off is always allowed).
async function assertCellsOpen(tx: Tx, orgId: string, changes: OptInChange[]) {
  if (changes.length === 0) return;
  const productIds = [...new Set(changes.map((c) => c.productId))];
  const packIds = [...new Set(changes.map((c) => c.packId))];
  const products = await tx.product.findMany({ where: { id: { in: productIds }, orgId }, select: { id: true } });
  const missingProduct = productIds.find((id) => !products.some((p) => p.id === id));
  if (missingProduct) throw new AppError("not_found", `No such product: ${missingProduct}.`);
  const packs = await tx.pack.findMany({ where: { id: { in: packIds } }, select: { id: true, title: true, status: true } });
  const missingPack = packIds.find((id) => !packs.some((p) => p.id === id));
  if (missingPack) throw new AppError("not_found", `No such pack: ${missingPack}.`);
  for (const change of changes) {
    const pack = packs.find((p) => p.id === change.packId)!;
    if (change.enabled && pack.status !== "active") {
      throw new AppError("invalid_request", `${pack.title} is not open for contributions.`);
    }
  }
}

async function lockSettings(tx: Tx, orgId: string): Promise<{ marketplaceOptIn: boolean }> {
  await tx.$executeRaw`
    INSERT INTO "org_settings" ("orgId", "marketplaceOptIn", "updatedAt") VALUES (${orgId}, false, now())
    ON CONFLICT ("orgId") DO NOTHING`;
  const [row] = await tx.$queryRaw<{ marketplaceOptIn: boolean }[]>`
    SELECT "marketplaceOptIn" FROM "org_settings" WHERE "orgId" = ${orgId} FOR UPDATE`;
  if (!row) throw new Error(`setOptIn: no settings row for org ${orgId}`);
  return row;
}

// Creates the cells that do not exist yet (off), then locks every cell of the request in key order.
async function lockCells(tx: Tx, orgId: string, changes: OptInChange[]) {
  const cells = new Map<string, { id: string; enabled: boolean }>();
  if (changes.length === 0) return cells;
  const ids = changes.map(() => randomUUID());
  const productIds = changes.map((c) => c.productId);
  const packIds = changes.map((c) => c.packId);
  await tx.$executeRaw`
    INSERT INTO "pack_org_memberships" ("id", "orgId", "productId", "packId", "enabled", "updatedAt")
    SELECT c.id, ${orgId}, c."productId", c."packId", false, now()
    FROM unnest(${ids}::text[], ${productIds}::text[], ${packIds}::text[]) AS c(id, "productId", "packId")
    ON CONFLICT ("orgId", "productId", "packId") DO NOTHING`;
  const rows = await tx.$queryRaw<{ id: string; productId: string; packId: string; enabled: boolean }[]>`
    SELECT m."id", m."productId", m."packId", m."enabled"
    FROM "pack_org_memberships" m
    JOIN unnest(${productIds}::text[], ${packIds}::text[]) AS c("productId", "packId")
      ON m."productId" = c."productId" AND m."packId" = c."packId"
    WHERE m."orgId" = ${orgId}
    ORDER BY m."productId", m."packId"
    FOR UPDATE OF m`;
  for (const row of rows) cells.set(cellKey(row), { id: row.id, enabled: row.enabled });
  return cells;
}

async function databaseNow(tx: Tx): Promise<Date> {
  const [row] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS "now"`;
  return row!.now;
}

async function switchGlobal(tx: Tx, orgId: string, on: boolean, now: Date) {
  await tx.orgSettings.update({ where: { orgId }, data: { marketplaceOptIn: on, updatedAt: now } });
  if (on) {
    await tx.marketplaceOptInPeriod.create({ data: { orgId, startedAt: now } });
  } else {
    await tx.marketplaceOptInPeriod.updateMany({ where: { orgId, endedAt: null }, data: { endedAt: now } });
  }
}

async function toggleCells(tx: Tx, toggled: { id: string; enabled: boolean }[], now: Date) {
  const on = toggled.filter((c) => c.enabled).map((c) => c.id);
  const off = toggled.filter((c) => !c.enabled).map((c) => c.id);
  if (on.length > 0) {
    await tx.packOrgMembership.updateMany({ where: { id: { in: on } }, data: { enabled: true, updatedAt: now } });
    await tx.packOptInPeriod.createMany({ data: on.map((membershipId) => ({ membershipId, startedAt: now })) });
  }
  if (off.length > 0) {
    await tx.packOrgMembership.updateMany({ where: { id: { in: off } }, data: { enabled: false, updatedAt: now } });
    await tx.packOptInPeriod.updateMany({ where: { membershipId: { in: off }, endedAt: null }, data: { endedAt: now } });
  }
}
