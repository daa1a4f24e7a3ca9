import { getSqlPool } from "~/server/sql-pool";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import { canManageOrg } from "~/lib/org-roles";
import type { Context } from "./context";
import { AppError, httpStatus, isUniqueViolation, toPublicError } from "./errors";
import { resolveActiveOrg } from "./services/org/resolve-active-org";
import { assertStorableInput } from "./validation/text";

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const publicError = toPublicError(error);
      return {
        ...shape,
        message: publicError.message,
        // The status comes from the code, like REST's: an unsupported media type is invalid_request (400).
        data: { ...publicError, httpStatus: httpStatus(publicError.code) },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

// A unique violation means "that already exists": a conflict, never a 500.
const mapDatabaseErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isUniqueViolation(result.error.cause)) {
    throw new AppError("conflict", "That already exists.", { cause: result.error.cause });
  }
  return result;
});

// Strings PostgreSQL cannot store are refused wherever they sit in the input, before any schema
// runs: one check for every procedure, tRPC and REST, whatever its schema says.
const refuseUnstorableText = t.middleware(async ({ getRawInput, next }) => {
  assertStorableInput(await getRawInput());
  return next();
});

export const publicProcedure = t.procedure.use(refuseUnstorableText).use(mapDatabaseErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session?.user?.id) throw new AppError("unauthorized", "Sign in to continue.");
  return next({ ctx: { ...ctx, session: ctx.session, userId: ctx.session.user.id } });
});

// Who may call a procedure, read from its meta by the OpenAPI document (which routes answer 404
// for another org, and 403 for a member's role).
export type ProcedureAccess = "org" | "org-admin";

// Acts for one org; the membership is proven in the query that finds the org.
export const orgProcedure = protectedProcedure.meta({ access: "org" satisfies ProcedureAccess }).use(async ({ ctx, next }) => {
  const org = await resolveActiveOrg(getSqlPool(), { userId: ctx.userId, requestedOrgId: ctx.requestedOrgId });
  return next({ ctx: { ...ctx, org } });
});

// Manages the org (billing; keys, opt-in and payouts to come): its admins and owners only. A member
// is told why (forbidden); someone outside the org was already answered not_found above.
export const orgAdminProcedure = orgProcedure.meta({ access: "org-admin" satisfies ProcedureAccess }).use(({ ctx, next }) => {
  if (!canManageOrg(ctx.org.role)) throw new AppError("forbidden", `Only admins and owners of ${ctx.org.name} can do this.`);
  return next();
});

// Pack Market staff (User.platformOperator, granted by `npm run operator -- grant <email>`): payout
// runs and reconciliation. A role outside every org; anyone else signed in is forbidden.
export const platformOperatorProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const user = await ctx.db.user.findUnique({ where: { id: ctx.userId }, select: { platformOperator: true } });
  if (!user?.platformOperator) throw new AppError("forbidden", "Only Pack Market platform operators can do this.");
  return next();
});
