// Once per `vitest` run of the integration project: one migrated template database (or one
// embedded PGlite when no server answers) that each test file then clones.
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { migrateDeploy } from "../../scripts/lib/migrate";
import { adminQuery, dropDatabase, resolveTestDatabaseTarget, withDatabase } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    testDb: { kind: "server"; adminUrl: string; template: string } | { kind: "embedded"; url: string };
  }
}

export default async function setup(project: TestProject) {
  const target = await resolveTestDatabaseTarget();
  if (target.kind === "embedded") {
    const embedded: EmbeddedPostgres = await startEmbeddedPostgres();
    await migrateDeploy(embedded.url, { quiet: true });
    project.provide("testDb", { kind: "embedded", url: embedded.url });
    return () => embedded.stop();
  }
  const template = `pm_test_tpl_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(target.adminUrl, `CREATE DATABASE "${template}"`);
  await migrateDeploy(withDatabase(target.adminUrl, template), { quiet: true });
  project.provide("testDb", { kind: "server", adminUrl: target.adminUrl, template });
  return () => dropDatabase(target.adminUrl, template);
}
