import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError, httpStatus, restErrorBody, toPublicError } from "./errors";

describe("the error contract", () => {
  it("maps every app code to its tRPC code and REST status", () => {
    const cases = [
      ["invalid_request", "BAD_REQUEST", 400],
      ["unauthorized", "UNAUTHORIZED", 401],
      ["forbidden", "FORBIDDEN", 403],
      ["not_found", "NOT_FOUND", 404],
      ["method_not_allowed", "METHOD_NOT_SUPPORTED", 405],
      ["conflict", "CONFLICT", 409],
      ["quota_exceeded", "TOO_MANY_REQUESTS", 429],
      ["rate_limited", "TOO_MANY_REQUESTS", 429],
      ["internal_error", "INTERNAL_SERVER_ERROR", 500],
    ] as const;
    for (const [code, trpc, status] of cases) {
      const error = new AppError(code, "x");
      expect(error.code).toBe(trpc);
      expect(httpStatus(code)).toBe(status);
      expect(toPublicError(error).code).toBe(code);
    }
  });

  it("never exposes the message of an unexpected error", () => {
    const error = new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "connect ECONNREFUSED 10.0.0.5:5432" });
    expect(toPublicError(error)).toEqual({ code: "internal_error", message: "Something went wrong on our side. Try again." });
  });

  it("turns a forbidden into not_found so no existence leaks", () => {
    expect(toPublicError(new TRPCError({ code: "FORBIDDEN", message: "nope" })).code).toBe("not_found");
  });

  it("names the fields of a validation error", () => {
    const zodError = z.object({ month: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).safeParse({ month: "May" }).error;
    const publicError = toPublicError(new TRPCError({ code: "BAD_REQUEST", cause: zodError }));
    expect(publicError.code).toBe("invalid_request");
    expect(publicError.issues?.[0]?.path).toBe("month");
    expect(publicError.message).toContain("month");
  });

  it("shapes REST error bodies as { error: { code, message } } and hides unexpected errors", () => {
    const notFound = toPublicError(new AppError("not_found", "No pack"));
    expect(restErrorBody(notFound)).toEqual({ error: { code: "not_found", message: "No pack" } });
    const unexpected = toPublicError(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new Error("<html>") }));
    expect(httpStatus(unexpected.code)).toBe(500);
    expect(restErrorBody(unexpected)).toEqual({
      error: { code: "internal_error", message: "Something went wrong on our side. Try again." },
    });
  });
});
