import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { Context } from "./context";
import { AppError, isUniqueViolation, toPublicError } from "./errors";
import { resolveActiveOrg } from "./services/org/resolve-active-org";

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
        data: { ...publicError, httpStatus: shape.data.httpStatus },
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

export const publicProcedure = t.procedure.use(mapDatabaseErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session?.user?.id) throw new AppError("unauthorized", "Sign in to continue.");
  return next({ ctx: { ...ctx, session: ctx.session, userId: ctx.session.user.id } });
});

// Acts for one org; the membership is proven in the query that finds the org.
export const orgProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const org = await resolveActiveOrg(ctx.db, { userId: ctx.userId, requestedOrgId: ctx.requestedOrgId });
  return next({ ctx: { ...ctx, org } });
});
