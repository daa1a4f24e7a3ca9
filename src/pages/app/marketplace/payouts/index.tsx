// Payouts: the org's Stripe Connect status, this month's statement as a live draft, what is carried
// forward into the next statement, and every earlier month's statement with its status and paid date.
import { useQuery } from "@tanstack/react-query";
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { getServerSession } from "next-auth";
import Link from "next/link";
import { AppShell } from "~/components/AppShell";
import { ConnectStatusCard } from "~/components/ConnectStatusCard";
import { EmptyState } from "~/components/EmptyState";
import { ErrorState } from "~/components/ErrorState";
import { WalletIcon } from "~/components/icons";
import { LoadingRegion, Skeleton } from "~/components/Skeleton";
import { StatementStatusBadge } from "~/components/StatementStatusBadge";
import { formatDate, formatTimeUtc } from "~/lib/format";
import { formatMoney } from "~/lib/money";
import { formatMonth } from "~/lib/month";
import { statementHref } from "~/lib/statement-labels";
import { authOptions } from "~/server/auth";
import type { StatementList } from "~/server/services/statement/statement-schemas";
import { useTRPC } from "~/utils/trpc";

type Props = { session: Session };

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res }) => {
  const session = (await getServerSession(req, res, authOptions())) as Session | null;
  if (!session) {
    return { redirect: { destination: `/auth/signin?callbackUrl=${encodeURIComponent("/app/marketplace/payouts")}`, permanent: false } };
  }
  // Round-trip through JSON: next-auth may leave undefined fields, which props cannot carry.
  return { props: { session: JSON.parse(JSON.stringify(session)) as Session } };
};

const thClass = "px-4 py-2.5 text-start text-xs font-semibold uppercase tracking-wide text-slate-500";
const tdClass = "whitespace-nowrap px-4 py-3 text-sm text-slate-600";

function CurrentDraft({ current }: { current: StatementList["current"] }) {
  const month = formatMonth(current.month);
  return (
    <section aria-labelledby="current-draft-title" data-testid="current-draft" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h2 id="current-draft-title" className="text-sm font-semibold uppercase tracking-wider text-slate-500">
            This month · {month}
          </h2>
          <StatementStatusBadge status={current.status} />
        </div>
        {current.exists && (
          <Link href={statementHref(current.month)} className="text-sm font-medium text-brand-700 hover:text-brand-800">
            See the draft statement <span aria-hidden="true">→</span>
          </Link>
        )}
      </div>
      <p className="mt-4 text-3xl font-semibold tracking-tight text-slate-900 tabular-nums" data-testid="current-draft-total">
        {formatMoney(current.totalCents, current.currency)}
      </p>
      <p className="mt-2 text-sm text-slate-500">
        {current.exists && current.updatedAt
          ? `Earned so far this month, as of ${formatDate(current.updatedAt)} ${formatTimeUtc(current.updatedAt)}. The draft is kept up to date until it is finalized and paid on the 5th of next month.`
          : "Nothing recorded yet this month. Your draft statement appears here as your packs earn revenue; it is finalized and paid on the 5th of next month."}
      </p>
    </section>
  );
}

function CarriedForward({ carried }: { carried: StatementList["carriedForward"] }) {
  if (carried.length === 0) return null;
  return (
    <section aria-labelledby="carried-forward-title" data-testid="carried-forward" className="rounded-xl border border-amber-200 bg-amber-50 p-5 text-amber-950">
      <h2 id="carried-forward-title" className="text-sm font-semibold">
        Carried forward into your next statement
      </h2>
      {carried.map((c) => (
        <div key={c.currency} className="mt-2">
          <p className="text-2xl font-semibold tabular-nums" data-testid="carried-forward-amount">
            {formatMoney(c.amountCents, c.currency)}
          </p>
          <p className="mt-1 text-sm">
            From{" "}
            {c.from.map((s, i) => (
              <span key={s.id}>
                {i > 0 && ", "}
                <Link href={statementHref(s.month)} className="font-medium underline underline-offset-2 hover:text-amber-700">
                  {formatMonth(s.month)}
                </Link>{" "}
                ({formatMoney(s.amountCents, c.currency)}, {s.status === "failed" ? "transfer failed" : "not paid out"})
              </span>
            ))}
            . It is added to the next statement that is finalized.
          </p>
        </div>
      ))}
    </section>
  );
}

function StatementsTable({ statements }: { statements: StatementList["statements"] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200" aria-label="Statements by month">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={thClass}>Month</th>
            <th scope="col" className={`${thClass} text-end`}>Total</th>
            <th scope="col" className={thClass}>Status</th>
            <th scope="col" className={thClass}>Paid</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {statements.map((s) => (
            <tr key={s.id} data-testid="statement-row">
              <td className={tdClass}>
                <Link href={statementHref(s.month)} className="font-medium text-brand-700 hover:text-brand-800">
                  {formatMonth(s.month)}
                </Link>
              </td>
              <td className={`${tdClass} text-end font-medium text-slate-900 tabular-nums`}>{formatMoney(s.totalCents, s.currency)}</td>
              <td className={tdClass}>
                <div className="flex flex-wrap items-center gap-2">
                  <StatementStatusBadge status={s.status} />
                  {s.carriedInto && <span className="text-xs text-slate-500">into {formatMonth(s.carriedInto.month)}</span>}
                </div>
              </td>
              <td className={tdClass}>{s.paidAt ? formatDate(s.paidAt) : <span className="text-slate-400">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PayoutsSkeleton() {
  return (
    <LoadingRegion label="Loading your statements" className="space-y-6">
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <Skeleton className="h-3.5 w-48" />
        <Skeleton className="mt-5 h-8 w-32" />
        <Skeleton className="mt-3 h-3.5 w-3/4" />
      </div>
      <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="flex items-center gap-6">
            <Skeleton className="h-3.5 w-28" />
            <Skeleton className="ml-auto h-3.5 w-20" />
            <Skeleton className="h-5 w-20 rounded-full" />
            <Skeleton className="h-3.5 w-24" />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}

function StatementsBody() {
  const trpc = useTRPC();
  const list = useQuery(trpc.statement.list.queryOptions());
  if (list.isPending) return <PayoutsSkeleton />;
  if (list.isError) {
    return (
      <ErrorState
        title="We couldn't load your statements"
        message="Your statements could not be loaded. Check your connection and try again."
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
      />
    );
  }
  const { current, statements, carriedForward } = list.data;
  return (
    <div className="space-y-6">
      <CurrentDraft current={current} />
      <CarriedForward carried={carriedForward} />
      <section aria-labelledby="statements-title">
        <h2 id="statements-title" className="text-lg font-semibold text-slate-900">
          Statements
        </h2>
        <p className="mt-1 text-sm text-slate-500">Each month&apos;s share of the revenue of the packs your products contribute to.</p>
        <div className="mt-4">
          {statements.length === 0 ? (
            <EmptyState
              icon={<WalletIcon className="h-6 w-6" />}
              title="No statements yet"
              text="When a month in which your products contributed sessions to a pack ends, its statement appears here, and is paid out on the 5th."
            />
          ) : (
            <StatementsTable statements={statements} />
          )}
        </div>
      </section>
    </div>
  );
}

export default function PayoutsPage() {
  return (
    <AppShell title="Payouts">
      <h1 className="text-3xl font-semibold tracking-tight text-slate-900">Payouts</h1>
      <p className="mt-2 text-sm text-slate-500">
        Your share of the revenue of the packs your products contribute to, month by month, paid to your connected Stripe account on the 5th.
      </p>
      <div className="mt-8">
        <ConnectStatusCard />
      </div>
      <div className="mt-12 border-t border-slate-200 pt-10">
        <StatementsBody />
      </div>
    </AppShell>
  );
}
