// getServerSideProps of the pages Stripe sends a seller back to (callback, refresh). Their URLs name
// the org that onboarded (?org=): if the user belongs to it, it becomes the active org (the cookie
// the org switcher sets), so a user who switched orgs in another tab meanwhile still lands on the
// right one. An org the user does not belong to is ignored, never adopted.
import { getSqlPool } from "~/server/sql-pool";
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { getServerSession } from "next-auth";
import { ACTIVE_ORG_COOKIE } from "~/lib/active-org";
import { authOptions } from "~/server/auth";
import { resolveActiveOrg } from "~/server/services/org/resolve-active-org";

export type ConnectReturnProps = { session: Session };

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export const connectReturnProps: GetServerSideProps<ConnectReturnProps> = async ({ req, res, query, resolvedUrl }) => {
  const session = (await getServerSession(req, res, authOptions())) as Session | null;
  if (!session) {
    return { redirect: { destination: `/auth/signin?callbackUrl=${encodeURIComponent(resolvedUrl)}`, permanent: false } };
  }
  const org = typeof query.org === "string" ? query.org : null;
  if (org && org !== req.cookies[ACTIVE_ORG_COOKIE]) {
    const member = await resolveActiveOrg(getSqlPool(), { userId: session.user.id, requestedOrgId: org }).catch(() => null);
    if (member) {
      res.setHeader("Set-Cookie", `${ACTIVE_ORG_COOKIE}=${encodeURIComponent(member.id)}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`);
    }
  }
  // Round-trip through JSON: next-auth may leave undefined fields, which props cannot carry.
  return { props: { session: JSON.parse(JSON.stringify(session)) as Session } };
};
