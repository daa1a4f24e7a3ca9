// A plain node-postgres pool beside Prisma's, for statements whose parameters are too big for
// Prisma's per-query cost: session ingest sends a 1,000-session batch as one JSON parameter of
// ~250 KB, which Prisma took 30-75 ms of CPU to pass on per call and node-postgres ~3 ms (measured
// here). Same DATABASE_URL. It never keeps a process alive (allowExitOnIdle), and connections
// that the server ends (a test database dropped WITH (FORCE)) are dropped, not a crash.
import pg from "pg";

const globalForPool = globalThis as unknown as { packMarketSqlPool?: { url: string; pool: pg.Pool } };

export function getSqlPool(): pg.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const current = globalForPool.packMarketSqlPool;
  if (current?.url === url) return current.pool;
  const pool = new pg.Pool({ connectionString: url, max: 10, allowExitOnIdle: true });
  pool.on("error", () => undefined);
  globalForPool.packMarketSqlPool = { url, pool };
  return pool;
}
