// The one way the app and its scripts reach PostgreSQL: Prisma's client over node-postgres.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./db/generated/client";

export type Db = PrismaClient;
export type { Prisma } from "./db/generated/client";

export function createDb(connectionString: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

const globalForDb = globalThis as unknown as { packMarketDb?: Db };

// One client per process (Next's dev server reloads modules; the pool must survive that).
export function getDb(): Db {
  if (!globalForDb.packMarketDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    globalForDb.packMarketDb = createDb(url);
  }
  return globalForDb.packMarketDb;
}
