// The REST surface (/v1/...) is generated from the tRPC procedures that carry OpenAPI meta.
// This is the one place that turns any failure into DESIGN.md §6's body: { error: { code, message } }.
import type { NextApiRequest, NextApiResponse } from "next";
import { createOpenApiNextHandler } from "trpc-to-openapi";
import { createContext } from "../context";
import { httpStatus, restErrorBody, type ErrorCode, type FieldIssue } from "../errors";
import { appRouter } from "../routers/_app";
import { logUnexpectedError } from "../log";

type TrpcToOpenApiErrorBody = { message?: string; data?: { code?: ErrorCode; message?: string; issues?: FieldIssue[] } };

export function toRestErrorBody(raw: string): { status: number; body: string } {
  let parsed: TrpcToOpenApiErrorBody = {};
  try {
    parsed = JSON.parse(raw) as TrpcToOpenApiErrorBody;
  } catch {
    // Not JSON: fall through to internal_error without echoing it.
  }
  const code: ErrorCode = parsed.data?.code ?? "internal_error";
  const message = code === "internal_error" ? "Something went wrong on our side. Try again." : (parsed.data?.message ?? parsed.message ?? code);
  const issues = parsed.data?.issues;
  return { status: httpStatus(code), body: JSON.stringify(restErrorBody({ code, message, ...(issues && { issues }) })) };
}

const openApiHandler = createOpenApiNextHandler({
  router: appRouter,
  createContext,
  onError: ({ error, path }) => logUnexpectedError(error, `REST ${path ?? "(no route)"}`),
});

export async function restHandler(req: NextApiRequest, res: NextApiResponse) {
  const end = res.end.bind(res) as (...args: unknown[]) => NextApiResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (res.statusCode >= 400 && typeof chunk === "string") {
      const shaped = toRestErrorBody(chunk);
      res.statusCode = shaped.status;
      return end(shaped.body, ...rest);
    }
    return end(chunk, ...rest);
  }) as NextApiResponse["end"];
  await openApiHandler(req, res);
}
