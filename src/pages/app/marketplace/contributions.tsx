// Contributions: what the seller's products contributed to each pack in a month, its share of each
// pack's sessions, an estimate of its revenue share, each pack's aggregate figures, and the months
// before. `?month=YYYY-MM` picks the month (default: this one).
import { useQuery } from "@tanstack/react-query";
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { getServerSession } from "next-auth";
import Link from "next/link";
import { useRouter } from "next/router";
import { AppShell } from "~/components/AppShell";
import { secondaryButton } from "~/components/button-styles";
import { ContributionsChart } from "~/components/ContributionsChart";
import { EmptyState } from "~/components/EmptyState";
import { ErrorState } from "~/components/ErrorState";
import { ChartIcon } from "~/components/icons";
import { Notice } from "~/components/Notice";
import { LoadingRegion, Skeleton } from "~/components/Skeleton";
import { formatCount } from "~/lib/format";
import { formatMoney } from "~/lib/money";
import { formatMonth } from "~/lib/month";
import { authOptions } from "~/server/auth";
import type { Contributions, PackContribution } from "~/server/services/contribution/contribution-schemas";
import { useTRPC } from "~/utils/trpc";

type Props = { session: Session };

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res }) => {
  const session = (await getServerSession(req, res, authOptions())) as Session | null;
  if (!session) {
    return { redirect: { destination: `/auth/signin?callbackUrl=${encodeURIComponent("/app/marketplace/contributions")}`, permanent: false } };
  }
  // Round-trip through JSON: next-auth may leave undefined fields, which props cannot carry.
  return { props: { session: JSON.parse(JSON.stringify(session)) as Session } };
};

const percent = (bps: number) => `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 1)}%`;
const thClass = "px-4 py-2.5 text-end text-xs font-semibold uppercase tracking-wide text-slate-500";
const tdClass = "whitespace-nowrap px-4 py-3 text-end tabular-nums text-slate-700";

function Stat({ label, value, note, testId }: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </p>
      {note && <p className="mt-1 text-xs text-slate-500">{note}</p>}
    </div>
  );
}

function PackRow({ line }: { line: PackContribution }) {
  const money = (cents: number) => formatMoney(cents, line.revenue.currency);
  return (
    <tr data-testid="contribution-row" data-pack={line.pack.slug}>
      <th scope="row" className="px-4 py-3 text-start align-top font-normal">
        <Link href={`/marketplace/packs/${line.pack.slug}`} className="font-medium text-slate-900 hover:text-brand-700">
          {line.pack.title}
        </Link>
        <span className="block text-xs text-slate-500">
          {line.products.length > 0 ? line.products.map((p) => `${p.name} ${formatCount(p.sessions)}`).join(" · ") : "No sessions yet"}
        </span>
      </th>
      <td className={tdClass}>{formatCount(line.sessions)}</td>
      <td className={tdClass}>
        {percent(line.shareBps)}
        <span className="block text-xs text-slate-400">of {formatCount(line.packSessions)}</span>
      </td>
      <td className={tdClass}>
        {money(line.revenue.grossCents)}
        <span className="block text-xs text-slate-400">pool {money(line.revenue.poolCents)}</span>
      </td>
      <td className={`${tdClass} font-semibold text-slate-900`} data-testid="contribution-estimate">
        {money(line.revenue.estimateCents)}
      </td>
      <td className={tdClass}>{formatCount(line.analytics.subscribers)}</td>
      <td className={tdClass}>{formatCount(line.analytics.rowsServed)}</td>
    </tr>
  );
}

function MonthPicker({ data }: { data: Contributions }) {
  const router = useRouter();
  const months = [...new Set([...data.history.map((m) => m.month), data.month])].sort().reverse();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      Month
      <select
        value={data.month}
        onChange={(e) => void router.push({ pathname: router.pathname, query: { month: e.target.value.slice(0, 7) } }, undefined, { shallow: true })}
        className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-4 focus:ring-brand-500/15"
      >
        {months.map((m) => (
          <option key={m} value={m}>
            {formatMonth(m)}
          </option>
        ))}
      </select>
    </label>
  );
}

function ContributionsView({ data }: { data: Contributions }) {
  const monthName = formatMonth(data.month);
  const estimate = data.totals.estimates.map((e) => formatMoney(e.amountCents, e.currency)).join(" + ") || formatMoney(0, "usd");
  // Early in a month (before the rollup has counted anything) point at the last month with figures.
  const lastWithSessions = [...data.history].reverse().find((m) => m.sessions > 0 && m.month < data.month);
  return (
    <div className="space-y-8">
      {data.isCurrentMonth && data.totals.sessions === 0 && lastWithSessions && (
        <Notice tone="neutral" testId="earlier-month-notice">
          No sessions counted for {monthName} yet.{" "}
          <Link href={{ query: { month: lastWithSessions.month.slice(0, 7) } }} className="font-medium text-brand-700 hover:underline">
            See {formatMonth(lastWithSessions.month)}
          </Link>
          .
        </Notice>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label={`Sessions in ${monthName}`} value={formatCount(data.totals.sessions)} testId="total-sessions" />
        <Stat
          label={data.isCurrentMonth ? "Estimated revenue share so far" : `Estimated revenue share, ${monthName}`}
          value={estimate}
          note="An estimate from the month's revenue so far; your statement is what you are paid."
          testId="total-estimate"
        />
        <Stat label="Packs you contribute to" value={formatCount(data.packs.length)} />
      </div>

      {data.packs.length === 0 ? (
        <EmptyState
          icon={<ChartIcon className="h-6 w-6" />}
          title={`No sessions contributed in ${monthName}`}
          text="Sessions appear here once your opted-in products send them and the monthly rollup counts them."
          action={
            <Link href="/app/marketplace/opt-in" className={secondaryButton}>
              Manage opt-in
            </Link>
          }
        />
      ) : (
        <section aria-labelledby="by-pack-title" className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
          <h2 id="by-pack-title" className="border-b border-slate-200 px-4 py-3 font-semibold text-slate-900">
            By pack, {monthName}
          </h2>
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={`${thClass} text-start`}>Pack</th>
                  <th scope="col" className={thClass}>Your sessions</th>
                  <th scope="col" className={thClass}>Share of pack</th>
                  <th scope="col" className={thClass}>Pack revenue</th>
                  <th scope="col" className={thClass}>Your est. share</th>
                  <th scope="col" className={thClass}>Subscribers</th>
                  <th scope="col" className={thClass}>Rows served</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.packs.map((line) => (
                  <PackRow key={line.pack.id} line={line} />
                ))}
              </tbody>
            </table>
          </div>
          <p className="border-t border-slate-100 px-4 py-3 text-xs text-slate-500">
            Subscribers are buyer orgs with a live subscription now; rows served are rows buyers read in {monthName}. Pack figures are
            totals over every contributor and buyer.
          </p>
        </section>
      )}

      {data.history.length > 0 && (
        <section aria-labelledby="history-title" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="history-title" className="font-semibold text-slate-900">
            Sessions per month
          </h2>
          <div className="mt-4">
            <ContributionsChart history={data.history} />
          </div>
        </section>
      )}
    </div>
  );
}

function ContributionsSkeleton() {
  return (
    <LoadingRegion label="Loading your contributions" className="space-y-8">
      <div className="grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="space-y-2 rounded-xl border border-slate-200 bg-white p-5">
            <Skeleton className="h-3.5 w-32" />
            <Skeleton className="h-7 w-24" />
          </div>
        ))}
      </div>
      <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    </LoadingRegion>
  );
}

export default function ContributionsPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const month = typeof router.query.month === "string" ? router.query.month : undefined;
  const contributions = useQuery({ ...trpc.contribution.get.queryOptions({ month }), enabled: router.isReady });
  const data = contributions.data;
  return (
    <AppShell title="Contributions">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 flex-1 basis-80">
          <h1 className="text-3xl font-semibold tracking-tight text-slate-900">Contributions</h1>
          <p className="mt-2 text-sm text-slate-500">
            Sessions your products contributed to each pack, your share of the pack, and what it is likely to earn.
          </p>
        </div>
        {data && <MonthPicker data={data} />}
      </div>
      <div className="mt-8">
        {!router.isReady || contributions.isPending ? (
          <ContributionsSkeleton />
        ) : contributions.isError ? (
          <ErrorState
            title="We couldn't load your contributions"
            message={contributions.error.message}
            onRetry={() => void contributions.refetch()}
            retrying={contributions.isFetching}
          />
        ) : data ? (
          <ContributionsView data={data} />
        ) : null}
      </div>
    </AppShell>
  );
}
