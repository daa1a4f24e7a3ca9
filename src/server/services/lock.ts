// Transaction-scoped advisory locks: work on one thing (a Stripe subscription, an org's slot for a
// pack) runs one transaction at a time across every app process, and the lock ends with the
// transaction, so a crash never leaves it held.
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
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (let attempt = 1; ; attempt++) {
    const result = await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<Array<{ locked: boolean }>>`SELECT pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) AS "locked"`;
      return row?.locked ? { value: await work(tx) } : null;
    }, TRANSACTION_OPTIONS);
    if (result) return result.value;
    if (Date.now() > deadline) throw new LockTimeoutError(`Gave up waiting for the lock on ${key}.`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, 4 * 2 ** attempt) * (0.5 + Math.random())));
  }
}
