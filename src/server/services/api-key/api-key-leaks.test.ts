// The full key must never reach logs, error messages or API output other than create's answer.
// Structurally: only its hash and prefix are ever handed to the database layer, so no database
// error (Prisma echoes a failed call's arguments in its message) or query log can carry it.
import { TRPCError } from "@trpc/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "~/server/db";
import { toPublicError } from "~/server/errors";
import { logUnexpectedError } from "~/server/log";
import { generateApiKey } from "./api-key-secret";
import { authenticateApiKey } from "./authenticate-api-key";
import { createApiKey } from "./create-api-key";

const fixed = vi.hoisted(() => ({ key: "" }));
vi.mock("./api-key-secret", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./api-key-secret")>();
  return {
    ...actual,
    generateApiKey: () => {
      const generated = actual.generateApiKey();
      fixed.key = generated.key;
      return generated;
    },
  };
});

// A database whose every call fails the way Prisma does: with the call's arguments in the message.
function failingDb(seen: unknown[]): Db {
  const fail = (method: string) => (args: unknown) => {
    seen.push(args);
    return Promise.reject(new Error(`Invalid \`prisma.apiKey.${method}()\` invocation:\n${JSON.stringify(args)}`));
  };
  return { apiKey: { create: fail("create"), findUnique: fail("findUnique"), updateMany: fail("updateMany") } } as unknown as Db;
}

let logged: string[];
beforeEach(() => {
  logged = [];
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(" "));
    });
  }
});
afterEach(() => vi.restoreAllMocks());

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

// What each door would show and log of an unexpected error.
function everythingSaidAbout(error: Error): string {
  const wrapped = new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
  logUnexpectedError(wrapped, "test");
  return [error.message, error.stack, JSON.stringify(toPublicError(wrapped)), ...logged].join("\n");
}

describe("a key in errors and logs", () => {
  it("never appears when creating a key fails", async () => {
    const seen: unknown[] = [];
    const error = await failureOf(createApiKey(failingDb(seen), { orgId: "org_1", userId: "user_1", label: "CI" }));
    expect(fixed.key).toMatch(/^pm_live_/);
    expect(JSON.stringify(seen)).toContain(fixed.key.slice(0, 12));
    expect(JSON.stringify(seen)).not.toContain(fixed.key);
    expect(everythingSaidAbout(error)).not.toContain(fixed.key.slice(12));
  });

  it("never appears when authenticating a key fails", async () => {
    const { key } = generateApiKey();
    const seen: unknown[] = [];
    const error = await failureOf(authenticateApiKey(failingDb(seen), key));
    expect(seen).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toContain(key.slice(12));
    expect(everythingSaidAbout(error)).not.toContain(key.slice(12));
  });
});
