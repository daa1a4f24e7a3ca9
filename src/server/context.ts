import type { NextApiRequest, NextApiResponse } from "next";
import type { Session } from "next-auth";
import { getDb, type Db } from "./db";
import { ACTIVE_ORG_COOKIE, ACTIVE_ORG_HEADER } from "~/lib/active-org";
import { getSession } from "./auth";


// requestHost: the Host the request came to, for links back to the app in dev (env.ts appUrl).
export type ContextInner = { session: Session | null; db: Db; requestedOrgId?: string | null; requestHost?: string | null };

// For tests and in-process callers: everything a procedure needs, nothing HTTP.
export function createContextInner(opts: ContextInner) {
  return { session: opts.session, db: opts.db, requestedOrgId: opts.requestedOrgId ?? null, requestHost: opts.requestHost ?? null };
}

export type Context = ReturnType<typeof createContextInner>;

// The org the request names, exactly as sent (the header wins over the cookie); null when it names
// none. Validating it is resolveActiveOrg's job: any value that is not one of the user's orgs is
// not_found there, so nothing here may drop or trim a value into "no org named".
function requestedOrg(req: NextApiRequest): string | null {
  const header = req.headers[ACTIVE_ORG_HEADER];
  const value = (Array.isArray(header) ? header.join(",") : header) ?? req.cookies[ACTIVE_ORG_COOKIE];
  return value === undefined || value === "" ? null : value;
}

export async function createContext({ req }: { req: NextApiRequest; res?: NextApiResponse }) {
  const session = await getSession(req);
  return createContextInner({ session, db: getDb(), requestedOrgId: requestedOrg(req), requestHost: req.headers.host ?? null });
}
