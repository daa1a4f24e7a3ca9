// A plain node-postgres pool beside Prisma's, for statements where Prisma's per-query cost is the
// bottleneck:
// - session ingest sends a 1,000-session batch as one JSON parameter of ~250 KB, which Prisma took
//   30-75 ms of CPU to pass on per call and node-postgres ~3 ms (measured here);
// - paying a statement is five small statements around a Stripe call, 10,000 times a month; through
//   Prisma's interactive transaction the process's CPU capped the payout run at ~250 transfers/s.
// Same DATABASE_URL (or the URL given). It never keeps a process alive (allowExitOnIdle), and
// connections that the server ends (a test database dropped WITH (FORCE)) are dropped, not a crash.
import pg from "pg";

const globalForPool = globalThis as unknown as { packMarketSqlPools?: Map<string, pg.Pool> };

export function getSqlPool(url = process.env.DATABASE_URL): pg.Pool {
  if (!url) throw new Error("DATABASE_URL is not set");
  const pools = (globalForPool.packMarketSqlPools ??= new Map());
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 10, allowExitOnIdle: true });
    pool.on("error", () => undefined);
    pools.set(url, pool);
  }
  return pool;
}

// Closes every pool of this process (tests, before their database is dropped: a pool left open
// holds connections the drop must terminate).
export async function closeSqlPools(): Promise<void> {
  const pools = globalForPool.packMarketSqlPools;
  if (!pools) return;
  globalForPool.packMarketSqlPools = undefined;
  await Promise.all([...pools.values()].map((pool) => pool.end().catch(() => undefined)));
}
