// Per integration test file: its own database cloned from the migrated template (or the shared
// embedded one), exposed through DATABASE_URL so getDb() and every handler use it; emptied before
// each test.
import { closeSqlPools } from "~/server/sql-pool";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { invalidateCatalogue } from "~/server/cache/catalogue";
import { getDb } from "~/server/db";
import { createDatabaseFromTemplate, dropDatabase, truncateAll, withDatabase } from "./database";

const testDb = inject("testDb");
let databaseName: string | undefined;

if (testDb.kind === "server") {
  databaseName = `pm_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  process.env.DATABASE_URL = withDatabase(testDb.adminUrl, databaseName);
} else {
  process.env.DATABASE_URL = testDb.url;
}

beforeAll(async () => {
  if (testDb.kind === "server" && databaseName) {
    await createDatabaseFromTemplate(testDb.adminUrl, databaseName, testDb.template);
  }
});

beforeEach(async () => {
  await truncateAll(process.env.DATABASE_URL!);
  await invalidateCatalogue();
});

afterAll(async () => {
  await closeSqlPools();
  await getDb().$disconnect();
  if (testDb.kind === "server" && databaseName) await dropDatabase(testDb.adminUrl, databaseName);
});
