import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~/server/db";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

let embedded: EmbeddedPostgres;
beforeAll(async () => {
  embedded = await startEmbeddedPostgres();
}, 60_000);
afterAll(() => embedded?.stop());

// The app in dev is several Prisma pools (Next's, a workflow's, a script's) on PGlite's one session.
// pglite-socket's own scheduler interleaves their wire messages ("unnamed prepared statement does
// not exist", or another query's rows); this is what scripts/lib/pglite-session-queue.ts prevents.
describe("the embedded Postgres", () => {
  it("keeps concurrent clients' queries and transactions apart", async () => {
    const clients = [createDb(embedded.url), createDb(embedded.url)];
    try {
      const results = await Promise.all(
        Array.from({ length: 120 }, async (_, i) => {
          const db = clients[i % 2]!;
          if (i % 3 === 0) {
            return db.$transaction(async (tx) => {
              const [first] = await tx.$queryRaw<Array<{ n: number }>>`SELECT ${i}::int AS n`;
              await new Promise((resolve) => setTimeout(resolve, 5));
              const [second] = await tx.$queryRaw<Array<{ n: number }>>`SELECT ${i + 1}::int AS n`;
              return [first!.n, second!.n];
            });
          }
          const [row] = await db.$queryRaw<Array<{ n: number }>>`SELECT ${i}::int AS n`;
          return [row!.n];
        }),
      );
      results.forEach((result, i) => expect(result).toEqual(i % 3 === 0 ? [i, i + 1] : [i]));
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
  }, 30_000);
});
