// The signed-in home: which org you act for, and where to go to buy or sell data.
import { useQuery } from "@tanstack/react-query";
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { getServerSession } from "next-auth";
import Link from "next/link";
import { AppShell } from "~/components/AppShell";
import { APP_NAV, SoonBadge, type AppNavItem, type AppNavSection } from "~/components/app-nav";
import { ErrorState } from "~/components/ErrorState";
import { ArrowRightIcon } from "~/components/icons";
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

const SECTION_COPY: Record<AppNavSection["id"], { title: string; text: string }> = {
  buy: { title: "Buying", text: "Subscribe to data packs and read their rows through the API or snapshots." },
  sell: { title: "Selling", text: "Contribute your products' usage to packs and earn a share of their revenue." },
};

function ActionCard({ item }: { item: AppNavItem }) {
  const Icon = item.icon;
  const body = (
    <>
      <div className="flex items-start justify-between gap-3">
        <span
          className={`flex h-10 w-10 items-center justify-center rounded-lg ${item.available ? "bg-brand-50 text-brand-600" : "bg-slate-100 text-slate-400"}`}
        >
          <Icon className="h-5 w-5" />
        </span>
        {item.available ? (
          <ArrowRightIcon className="h-4 w-4 text-slate-300 transition group-hover:translate-x-0.5 group-hover:text-brand-600" />
        ) : (
          <SoonBadge />
        )}
      </div>
      <h3 className={`mt-4 text-base font-semibold ${item.available ? "text-slate-900 group-hover:text-brand-700" : "text-slate-500"}`}>
        {item.label}
      </h3>
      <p className="mt-1 text-sm leading-6 text-slate-500">{item.description}</p>
    </>
  );
  const base = "flex h-full flex-col rounded-xl border p-5";
  if (!item.available) {
    return (
      <div className={`${base} border-dashed border-slate-200 bg-slate-50/60`} aria-disabled="true">
        {body}
      </div>
    );
  }
  return (
    <Link
      href={item.href}
      className={`group ${base} border-slate-200 bg-white shadow-sm transition hover:border-brand-100 hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500`}
    >
      {body}
    </Link>
  );
}

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
      <div className="mt-10 space-y-10">
        {APP_NAV.map((section) => {
          const copy = SECTION_COPY[section.id];
          return (
            <section key={section.id} aria-labelledby={`section-${section.id}`}>
              <h2 id={`section-${section.id}`} className="text-lg font-semibold tracking-tight text-slate-900">
                {copy.title}
              </h2>
              <p className="mt-1 text-sm text-slate-500">{copy.text}</p>
              <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {section.items.map((item) => (
                  <li key={item.href}>
                    <ActionCard item={item} />
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </AppShell>
  );
}
