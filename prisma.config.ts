// Loaded by the Prisma CLI only. It runs the bundled WebAssembly schema engine through a driver
// adapter, so `prisma migrate` works without downloading a native engine.
import { defineConfig } from "prisma/config";
import { cliAdapterFactory, unrefLongTimers } from "./prisma/cli-adapter";

// Without DATABASE_URL even `prisma generate` tries to download the native engine.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";
const databaseUrl = process.env.DATABASE_URL;

unrefLongTimers();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => cliAdapterFactory(databaseUrl),
});
