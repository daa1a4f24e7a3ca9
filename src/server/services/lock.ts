// Transaction-scoped advisory locks: work on one thing (a Stripe subscription, an org's slot for a
// pack) runs one transaction at a time across every app process, and the lock ends with the
// transaction, so a crash never leaves it held.
import type pg from "pg";
import type { Db, Prisma } from "~/server/db";

type Tx = Prisma.TransactionClient;

// Waits for the lock inside the caller's transaction. For short, rare contention only: the waiter
// holds a database connection while it waits.
export async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

export class LockTimeoutError extends Error {}

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 };

// Runs `work` in a transaction that holds the lock on `key`. Between attempts nobody waits inside
// the database (pg_try_advisory_xact_lock, then a short random backoff), so a burst of work on one
// key (Stripe sending twenty events for one subscription at once) never drains the connection pool
// that every other request needs.
export async function inLockedTransaction<T>(db: Db, key: string, work: (tx: Tx) => Promise<T>, opts: { timeoutMs?: number } = {}): Promise<T> {
  return retryingForLock(key, opts, () =>
    db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) AS "locked"`;
      return row?.locked ? { value: await work(tx) } : null;
    }, TRANSACTION_OPTIONS),
  );
}

// The same lock for work written with node-postgres (src/server/sql-pool.ts): one transaction on
// one pooled connection, committed when `work` returns and rolled back when it throws.
export async function inLockedSqlTransaction<T>(pool: pg.Pool, key: string, work: (client: pg.PoolClient) => Promise<T>, opts: { timeoutMs?: number } = {}): Promise<T> {
  return retryingForLock(key, opts, async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS "locked"`, [key]);
      const result = rows[0]?.locked ? { value: await work(client) } : null;
      await client.query(result ? "COMMIT" : "ROLLBACK");
      client.release();
      return result;
    } catch (error) {
      // A connection that cannot even roll back is closed rather than handed to the next caller.
      const rolledBack = await client.query("ROLLBACK").then(() => true, () => false);
      client.release(!rolledBack);
      throw error;
    }
  });
}

async function retryingForLock<T>(key: string, opts: { timeoutMs?: number }, attempt: () => Promise<{ value: T } | null>): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (let n = 1; ; n++) {
    const result = await attempt();
    if (result) return result.value;
    if (Date.now() > deadline) throw new LockTimeoutError(`Gave up waiting for the lock on ${key}.`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, 4 * 2 ** n) * (0.5 + Math.random())));
  }
}
