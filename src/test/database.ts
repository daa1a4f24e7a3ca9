// Where tests find PostgreSQL: TEST_DATABASE_URL, else the server at 127.0.0.1:5432 when it
// answers (CI and developer machines), else an embedded PGlite started for the run.
import pg from "pg";

export const LOCAL_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabaseTarget = { kind: "server"; adminUrl: string } | { kind: "embedded" };

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function resolveTestDatabaseTarget(): Promise<TestDatabaseTarget> {
  // TEST_DATABASE=embedded forces the fresh-machine path even where a server answers.
  if (process.env.TEST_DATABASE === "embedded") return { kind: "embedded" };
  if (process.env.TEST_DATABASE_URL) return { kind: "server", adminUrl: process.env.TEST_DATABASE_URL };
  if (await answers(LOCAL_POSTGRES_URL)) return { kind: "server", adminUrl: LOCAL_POSTGRES_URL };
  return { kind: "embedded" };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createDatabaseFromTemplate(adminUrl: string, name: string, template: string) {
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
}

export async function dropDatabase(adminUrl: string, name: string) {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

// Empties every table but the migrations log: ~25-80 ms, fast enough before each test.
export async function truncateAll(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "select tablename from pg_tables where schemaname = 'public' and tablename <> '_prisma_migrations'",
    );
    if (rows.length > 0) {
      await client.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
    }
  } finally {
    await client.end();
  }
}
