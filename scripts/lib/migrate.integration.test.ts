// The cheap "already migrated?" check `npm run dev` runs instead of `prisma migrate deploy` on a
// restart: it says yes only when the database applied exactly the folder's migrations.
import { mkdtempSync, cpSync, appendFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { localMigrations, MIGRATIONS_DIR, migrationsUpToDate } from "./migrate";

const url = () => process.env.DATABASE_URL!;
const copies: string[] = [];
afterEach(() => copies.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), "pm-migrations-"));
  copies.push(dir);
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function sql(text: string) {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe("migrationsUpToDate", () => {
  it("is true for a database migrated from this folder", async () => {
    expect(localMigrations().size).toBeGreaterThan(0);
    expect(await migrationsUpToDate(url())).toBe(true);
  });

  it("is false when the folder has a migration the database lacks, or one was edited", async () => {
    const added = copyOfMigrations();
    cpSync(join(MIGRATIONS_DIR, [...localMigrations().keys()][0]!), join(added, "29991231000000_new"), { recursive: true });
    expect(await migrationsUpToDate(url(), added)).toBe(false);

    const edited = copyOfMigrations();
    appendFileSync(join(edited, [...localMigrations().keys()].at(-1)!, "migration.sql"), "\n-- edited\n");
    expect(await migrationsUpToDate(url(), edited)).toBe(false);
  });

  it("is false when the database has a failed or unknown migration, or no migrations table", async () => {
    await sql(`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count")
               VALUES ('failed-one', 'x', '29991231000000_failed', now(), 0)`);
    try {
      expect(await migrationsUpToDate(url())).toBe(false);
    } finally {
      await sql(`DELETE FROM "_prisma_migrations" WHERE "id" = 'failed-one'`);
    }
    expect(await migrationsUpToDate(url())).toBe(true);
    // No migrations table (a database never migrated). Hidden by a rename, not by naming another
    // database: the embedded PGlite serves one database whatever the URL names.
    await sql(`ALTER TABLE "_prisma_migrations" RENAME TO "_prisma_migrations_hidden"`);
    try {
      expect(await migrationsUpToDate(url())).toBe(false);
    } finally {
      await sql(`ALTER TABLE "_prisma_migrations_hidden" RENAME TO "_prisma_migrations"`);
    }
  });
});
