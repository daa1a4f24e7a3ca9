import type { TRPCError } from "@trpc/server";
import { toPublicError } from "./errors";

// Only unexpected errors are errors; a 4xx is the caller's business and is not logged as one.
export function logUnexpectedError(error: TRPCError, where: string) {
  if (toPublicError(error).code === "internal_error") {
    console.error(`[error] ${where}:`, error.cause ?? error);
  }
}
