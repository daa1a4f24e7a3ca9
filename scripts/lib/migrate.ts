import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = "prisma/migrations";

// `prisma migrate deploy` in a child process. It must be an async spawn: when the embedded
// database is served from this same process, a blocking exec would deadlock it.
export function migrateDeploy(databaseUrl: string, opts: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["prisma", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: opts.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (d) => (output += String(d)));
    child.stderr?.on("data", (d) => (output += String(d)));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma migrate deploy failed (exit ${code})\n${output}`)),
    );
  });
}

// The migrations folder as Prisma records it once applied: each migration's name and the sha256 of
// its migration.sql.
export function localMigrations(dir = MIGRATIONS_DIR): Map<string, string> {
  const migrations = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const file = join(dir, name, "migration.sql");
    if (existsSync(file)) migrations.set(name, createHash("sha256").update(readFileSync(file)).digest("hex"));
  }
  return migrations;
}

// True when the database has applied exactly the folder's migrations, unchanged: one query, where
// `prisma migrate deploy` takes seconds (over ten on the embedded database) to find nothing to do.
// Anything else (a fresh database, a pending, edited, failed or unknown migration) is for Prisma.
export async function migrationsUpToDate(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<boolean> {
  const local = localMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; checksum: string; applied: boolean }>(
      `SELECT "migration_name", "checksum", ("finished_at" IS NOT NULL AND "rolled_back_at" IS NULL) AS "applied"
       FROM "_prisma_migrations"`,
    );
    const applied = rows.filter((r) => r.applied);
    if (rows.length !== applied.length || applied.length !== local.size) return false;
    return applied.every((r) => local.get(r.migration_name) === r.checksum);
  } catch {
    // No _prisma_migrations yet, or the database is unreachable: let Prisma say what it is.
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// What `npm run dev` runs on every start: the cheap check, and Prisma only when there is work.
export async function migrateIfNeeded(databaseUrl: string, opts: { quiet?: boolean } = {}): Promise<"up-to-date" | "migrated"> {
  if (await migrationsUpToDate(databaseUrl)) return "up-to-date";
  await migrateDeploy(databaseUrl, opts);
  return "migrated";
}
