// One month's statement: the summary banner (total, status, paid date, transfer id), the pack
// breakdown with every figure needed to recompute a share by hand, clawbacks and carried-forward
// amounts linked to the statement each comes from, the totals, and the CSV and PDF downloads.
import { useQuery } from "@tanstack/react-query";
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { getServerSession } from "next-auth";
import Link from "next/link";
import { AppShell } from "~/components/AppShell";
import { secondaryButton } from "~/components/button-styles";
import { EmptyState } from "~/components/EmptyState";
import { ErrorState } from "~/components/ErrorState";
import { WalletIcon } from "~/components/icons";
import { LoadingRegion, Skeleton } from "~/components/Skeleton";
import { StatementStatusBadge, STATEMENT_STATUS_NOTES } from "~/components/StatementStatusBadge";
import { formatCount, formatDate } from "~/lib/format";
import { formatMoney } from "~/lib/money";
import { formatMonth, monthKey, parseMonthKey } from "~/lib/month";
import { statementFileHref, statementHref, statementLineDescription } from "~/lib/statement-labels";
import { authOptions } from "~/server/auth";
import type { Statement, StatementLine } from "~/server/services/statement/statement-schemas";
import { errorCode, useTRPC } from "~/utils/trpc";

// month: YYYY-MM, or null when the URL does not name a month.
type Props = { session: Session; month: string | null };

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, params }) => {
  const raw = typeof params?.month === "string" ? params.month : "";
  const session = (await getServerSession(req, res, authOptions())) as Session | null;
  if (!session) {
    return { redirect: { destination: `/auth/signin?callbackUrl=${encodeURIComponent(`/app/marketplace/payouts/${raw}`)}`, permanent: false } };
  }
  const month = parseMonthKey(raw);
  // Round-trip through JSON: next-auth may leave undefined fields, which props cannot carry.
  return { props: { session: JSON.parse(JSON.stringify(session)) as Session, month: month ? monthKey(month) : null } };
};

const thClass = "px-3 py-2.5 text-start text-xs font-semibold uppercase tracking-wide text-slate-500";
const tdClass = "whitespace-nowrap px-3 py-3 text-sm text-slate-600 tabular-nums";

function BackLink() {
  return (
    <Link href="/app/marketplace/payouts" className="text-sm font-medium text-slate-500 hover:text-slate-800">
      <span aria-hidden="true">←</span> All statements
    </Link>
  );
}

function Banner({ statement }: { statement: Statement }) {
  const money = (cents: number) => formatMoney(cents, statement.currency);
  return (
    <section aria-label="Summary" data-testid="statement-banner" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-6">
        <div>
          <div className="flex items-center gap-3">
            <p className="text-sm font-semibold uppercase tracking-wider text-slate-500">Total</p>
            <StatementStatusBadge status={statement.status} />
          </div>
          <p className="mt-2 text-4xl font-semibold tracking-tight text-slate-900 tabular-nums" data-testid="statement-total">
            {money(statement.totalCents)}
          </p>
          <p className="mt-2 max-w-xl text-sm text-slate-500">{STATEMENT_STATUS_NOTES[statement.status]}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {(["csv", "pdf"] as const).map((format) => (
            <a key={format} href={statementFileHref(statement.month, format)} download className={secondaryButton}>
              Download {format.toUpperCase()}
            </a>
          ))}
        </div>
      </div>
      <dl className="mt-6 grid gap-4 border-t border-slate-100 pt-5 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Paid</dt>
          <dd className="mt-1 font-medium text-slate-900" data-testid="statement-paid">
            {statement.paidAt ? formatDate(statement.paidAt) : "Not paid"}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Stripe transfer</dt>
          <dd className="mt-1 font-mono text-slate-900" data-testid="statement-transfer">
            {statement.transferId ?? <span className="font-sans text-slate-400">None</span>}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Finalized</dt>
          <dd className="mt-1 font-medium text-slate-900">{statement.finalizedAt ? formatDate(statement.finalizedAt) : "Not yet (draft)"}</dd>
        </div>
      </dl>
    </section>
  );
}

function PackTable({ lines, currency }: { lines: StatementLine[]; currency: string }) {
  const money = (cents: number) => formatMoney(cents, currency);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200" aria-label="Pack breakdown">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={thClass}>Pack</th>
            <th scope="col" className={`${thClass} text-end`}>Your sessions</th>
            <th scope="col" className={`${thClass} text-end`}>Pack total sessions</th>
            <th scope="col" className={`${thClass} text-end`}>Share</th>
            <th scope="col" className={`${thClass} text-end`}>Pack gross revenue</th>
            <th scope="col" className={`${thClass} text-end`}>Pool</th>
            <th scope="col" className={`${thClass} text-end`}>Your share</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((line) => (
            <tr key={line.id} data-testid="pack-line">
              <td className={`${tdClass} font-medium text-slate-900`}>{line.pack?.title ?? "Pack"}</td>
              <td className={`${tdClass} text-end`}>{formatCount(line.sessions)}</td>
              <td className={`${tdClass} text-end`}>{formatCount(line.packTotalSessions)}</td>
              <td className={`${tdClass} text-end`}>{line.sharePercent === null ? "—" : `${line.sharePercent}%`}</td>
              <td className={`${tdClass} text-end`}>{money(line.packGrossCents)}</td>
              <td className={`${tdClass} text-end`}>
                {line.poolCents === null ? "—" : money(line.poolCents)}
                {line.revenueShareBps !== null && <div className="text-xs text-slate-400">{line.revenueShareBps / 100}% of gross</div>}
              </td>
              <td className={`${tdClass} text-end`}>
                <span className="font-medium text-slate-900">{money(line.shareCents)}</span>
                {line.poolCents !== null && (
                  <div className="text-xs text-slate-400">
                    {money(line.poolCents)} × {formatCount(line.sessions)} ÷ {formatCount(line.packTotalSessions)}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OtherLines({ lines, currency }: { lines: StatementLine[]; currency: string }) {
  return (
    <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Clawbacks and carried-forward amounts">
      {lines.map((line) => (
        <li key={line.id} data-testid={`${line.kind}-line`} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
          <div>
            <p className="font-medium text-slate-900">{statementLineDescription(line)}</p>
            {line.source && (
              <Link href={statementHref(line.source.month)} className="text-brand-700 hover:text-brand-800">
                See the {formatMonth(line.source.month)} statement <span aria-hidden="true">→</span>
              </Link>
            )}
          </div>
          <span className={`font-medium tabular-nums ${line.shareCents < 0 ? "text-red-700" : "text-slate-900"}`}>{formatMoney(line.shareCents, currency)}</span>
        </li>
      ))}
    </ul>
  );
}

function Totals({ statement }: { statement: Statement }) {
  const money = (cents: number) => formatMoney(cents, statement.currency);
  const rows: [string, number][] = [
    ["Pack shares", statement.totals.sharesCents],
    ["Clawbacks", statement.totals.adjustmentsCents],
    ["Carried forward", statement.totals.carriedForwardCents],
  ];
  return (
    <dl className="ml-auto max-w-sm space-y-2 text-sm" data-testid="statement-totals">
      {rows.map(([label, cents]) => (
        <div key={label} className="flex justify-between gap-6">
          <dt className="text-slate-500">{label}</dt>
          <dd className="tabular-nums text-slate-700">{money(cents)}</dd>
        </div>
      ))}
      <div className="flex justify-between gap-6 border-t border-slate-200 pt-2 text-base font-semibold text-slate-900">
        <dt>Total ({statement.currency.toUpperCase()})</dt>
        <dd className="tabular-nums">{money(statement.totals.totalCents)}</dd>
      </div>
    </dl>
  );
}

function HowItIsComputed() {
  return (
    <section aria-labelledby="how-title" className="rounded-xl bg-slate-50 p-5 text-sm text-slate-600 ring-1 ring-slate-200 ring-inset">
      <h2 id="how-title" className="font-semibold text-slate-900">
        How your share is computed
      </h2>
      <p className="mt-2">
        Each pack&apos;s <strong>pool</strong> is its gross revenue for the month (paid invoices minus refunds) × its revenue share, rounded down to
        the cent. Your <strong>share</strong> is pool × your sessions ÷ the pack&apos;s total sessions. Rounding to the cent uses the largest-remainder
        method: everyone gets their share rounded down, and the cents left over go one each to the largest remainders, so all
        contributors&apos; shares add up to the pool exactly (your share may be one cent above the rounded-down figure).
      </p>
      <p className="mt-2">
        A refund that arrives after a month is finalized is clawed back on a later statement. An amount that is not paid out (under the
        minimum payout, payouts not enabled yet, negative, or a failed transfer) is carried into the next statement.
      </p>
    </section>
  );
}

function StatementSkeleton() {
  return (
    <LoadingRegion label="Loading the statement" className="space-y-6">
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <Skeleton className="h-3.5 w-24" />
        <Skeleton className="mt-4 h-10 w-40" />
        <Skeleton className="mt-3 h-3.5 w-2/3" />
        <div className="mt-6 grid gap-4 sm:grid-cols-3">
          <Skeleton className="h-9" />
          <Skeleton className="h-9" />
          <Skeleton className="h-9" />
        </div>
      </div>
      <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex gap-6">
            <Skeleton className="h-3.5 w-40" />
            <Skeleton className="ml-auto h-3.5 w-16" />
            <Skeleton className="h-3.5 w-16" />
            <Skeleton className="h-3.5 w-20" />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}

function NoStatement({ month }: { month: string | null }) {
  return (
    <EmptyState
      icon={<WalletIcon className="h-6 w-6" />}
      title={month ? `No statement for ${formatMonth(month)}` : "That is not a month"}
      text={
        month
          ? "Your org has no statement for this month: none of your products contributed sessions to a pack that earned revenue, or the month has not started."
          : "Statement pages are named by month, like /app/marketplace/payouts/2026-03."
      }
      action={
        <Link href="/app/marketplace/payouts" className={secondaryButton}>
          See all statements
        </Link>
      }
    />
  );
}

function StatementBody({ month }: { month: string }) {
  const trpc = useTRPC();
  const statement = useQuery({
    ...trpc.statement.byMonth.queryOptions({ month: `${month}-01` }),
    // A month without a statement will not get one by asking again.
    retry: (count, error) => errorCode(error) !== "not_found" && count < 2,
  });
  if (statement.isPending) return <StatementSkeleton />;
  if (statement.isError) {
    if (errorCode(statement.error) === "not_found") return <NoStatement month={month} />;
    return (
      <ErrorState
        title="We couldn't load this statement"
        message="The statement could not be loaded. Check your connection and try again."
        onRetry={() => void statement.refetch()}
        retrying={statement.isFetching}
      />
    );
  }
  const data = statement.data;
  const shares = data.lines.filter((l) => l.kind === "share");
  const others = data.lines.filter((l) => l.kind !== "share");
  return (
    <div className="space-y-8">
      <Banner statement={data} />
      <section aria-labelledby="packs-title">
        <h2 id="packs-title" className="text-lg font-semibold text-slate-900">
          Pack breakdown
        </h2>
        <div className="mt-3">
          {shares.length === 0 ? <p className="text-sm text-slate-500">No pack shares this month.</p> : <PackTable lines={shares} currency={data.currency} />}
        </div>
      </section>
      {others.length > 0 && (
        <section aria-labelledby="other-lines-title">
          <h2 id="other-lines-title" className="text-lg font-semibold text-slate-900">
            Clawbacks and carried-forward amounts
          </h2>
          <div className="mt-3">
            <OtherLines lines={others} currency={data.currency} />
          </div>
        </section>
      )}
      <Totals statement={data} />
      <HowItIsComputed />
    </div>
  );
}

export default function StatementPage({ month }: Props) {
  const title = month ? `Statement for ${formatMonth(month)}` : "Statement";
  return (
    <AppShell title={title}>
      <BackLink />
      <h1 className="mt-3 text-3xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <div className="mt-8">{month ? <StatementBody key={month} month={month} /> : <NoStatement month={null} />}</div>
    </AppShell>
  );
}
