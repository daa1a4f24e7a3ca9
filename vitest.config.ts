import { fileURLToPath } from "node:url";
import { defineConfig, type ViteUserConfig } from "vitest/config";
import { resolveTestDatabaseTarget } from "./src/test/database.ts";

const src = fileURLToPath(new URL("./src", import.meta.url));

export default defineConfig(async (): Promise<ViteUserConfig> => {
  // The embedded PGlite is one database that runs one query at a time: its files run in turn.
  const target = await resolveTestDatabaseTarget();
  return {
    resolve: { alias: { "~": src } },
    test: {
      env: { NODE_ENV: "test", NEXTAUTH_URL: "http://localhost:3000" },
      projects: [
        {
          extends: true,
          test: {
            name: "unit",
            include: ["src/**/*.test.ts", "inngest/**/*.test.ts", "scripts/**/*.test.ts"],
            exclude: ["**/*.integration.test.ts", "node_modules/**"],
          },
        },
        {
          extends: true,
          test: {
            name: "integration",
            include: ["src/**/*.integration.test.ts", "inngest/**/*.integration.test.ts", "scripts/**/*.integration.test.ts"],
            globalSetup: ["src/test/global-setup.ts"],
            setupFiles: ["src/test/setup-db.ts"],
            fileParallelism: target.kind === "server",
            testTimeout: 20_000,
            hookTimeout: 60_000,
          },
        },
      ],
    },
  };
});
