// The signed-in home: which org you act for and its account at a glance (components/AccountOverview).
import { useQuery } from "@tanstack/react-query";
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { getServerSession } from "next-auth";
import { AccountOverview } from "~/components/AccountOverview";
import { AppShell } from "~/components/AppShell";
import { ErrorState } from "~/components/ErrorState";
import { Skeleton } from "~/components/Skeleton";
import { authOptions } from "~/server/auth";
import { useTRPC } from "~/utils/trpc";

type Props = { session: Session };

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res }) => {
  const session = (await getServerSession(req, res, authOptions())) as Session | null;
  if (!session) return { redirect: { destination: "/auth/signin?callbackUrl=/app", permanent: false } };
  // Round-trip through JSON: next-auth may leave undefined fields, which props cannot carry.
  return { props: { session: JSON.parse(JSON.stringify(session)) as Session } };
};

function OrgHeading() {
  const trpc = useTRPC();
  const active = useQuery(trpc.org.active.queryOptions());
  if (active.isPending) {
    return (
      <div role="status" aria-live="polite" aria-busy="true">
        <span className="sr-only">Loading your organization</span>
        <Skeleton className="h-4 w-28" />
        <Skeleton className="mt-3 h-8 w-72" />
      </div>
    );
  }
  if (active.isError) {
    return (
      <ErrorState
        title="We couldn't load your organization"
        message="Your org could not be loaded. Try again, or pick another org in the switcher."
        onRetry={() => void active.refetch()}
        retrying={active.isFetching}
      />
    );
  }
  return (
    <div>
      <p className="text-sm font-medium text-brand-700">Acting for</p>
      <h1 className="mt-1 text-3xl font-semibold tracking-tight text-slate-900">{active.data.name}</h1>
      <p className="mt-2 text-sm text-slate-500">
        You are {active.data.role === "member" ? "a" : "an"} {active.data.role} of this organization. Switch orgs in the
        sidebar.
      </p>
    </div>
  );
}

export default function AppHome() {
  return (
    <AppShell title="Overview">
      <OrgHeading />
      <div className="mt-10">
        <AccountOverview />
      </div>
    </AppShell>
  );
}
