// /admin/payouts: platform operators only (outside any org, so not in the org app shell). Payout
// runs with their live progress and step errors, "Run payouts for <last month>" behind a
// confirmation, and the reconciliation report of a chosen month.
import { reconciliationTotalRows } from "~/lib/reconciliation-totals";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { getServerSession } from "next-auth";
import Head from "next/head";
import Link from "next/link";
import { useState } from "react";
import { primaryButton, secondaryButton } from "~/components/button-styles";
import { EmptyState } from "~/components/EmptyState";
import { ErrorState } from "~/components/ErrorState";
import { Modal } from "~/components/Modal";
import { Wordmark } from "~/components/PublicLayout";
import { Skeleton } from "~/components/Skeleton";
import { formatMoney, STATEMENT_CURRENCY } from "~/lib/money";
import { authOptions } from "~/server/auth";
import { getDb } from "~/server/db";
import { errorCode, useTRPC } from "~/utils/trpc";

type Props = { session: Session };

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res }) => {
  const session = (await getServerSession(req, res, authOptions())) as Session | null;
  if (!session) return { redirect: { destination: `/auth/signin?callbackUrl=${encodeURIComponent("/admin/payouts")}`, permanent: false } };
  const user = await getDb().user.findUnique({ where: { id: session.user.id }, select: { platformOperator: true } });
  if (!user?.platformOperator) return { notFound: true };
  return { props: { session: JSON.parse(JSON.stringify(session)) as Session } };
};

const money = (cents: number) => formatMoney(cents, STATEMENT_CURRENCY);
const STATUS_STYLE: Record<string, string> = {
  running: "bg-amber-50 text-amber-800 ring-amber-200",
  succeeded: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
};

function Runs() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Refreshes every few seconds while a run is going, so its progress moves on its own.
  const runs = useQuery({
    ...trpc.payoutRun.list.queryOptions(),
    refetchInterval: (q) => (q.state.data?.runs.some((r) => r.status === "running") ? 3000 : false),
  });
  const request = useMutation(trpc.payoutRun.request.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const lastMonth = runs.data?.lastMonth;

  async function run() {
    if (!lastMonth) return;
    await request.mutateAsync({ month: lastMonth }).catch(() => undefined);
    setConfirming(false);
    await queryClient.invalidateQueries({ queryKey: trpc.payoutRun.list.queryKey() });
  }

  return (
    <section aria-labelledby="runs-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="runs-heading" className="text-lg font-semibold text-slate-900">Payout runs</h2>
        <button type="button" className={primaryButton} disabled={!lastMonth || request.isPending} onClick={() => setConfirming(true)}>
          {lastMonth ? `Run payouts for ${lastMonth}` : "Run payouts"}
        </button>
      </div>
      {request.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errorCode(request.error) === "conflict" ? request.error.message : "The run could not be started. Try again."}
        </p>
      )}
      <Modal open={confirming} onClose={() => setConfirming(false)} title={`Run payouts for ${lastMonth ?? ""}?`}>
        <p className="text-sm text-slate-600">
          This finalizes {lastMonth}&apos;s statements (they can never change afterwards) and sends a Stripe transfer to every org with a
          payable total. Running it again later pays nobody twice.
        </p>
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>Cancel</button>
          <button type="button" className={primaryButton} disabled={request.isPending} onClick={() => void run()}>
            {request.isPending ? "Starting…" : "Finalize and pay"}
          </button>
        </div>
      </Modal>

      {runs.isPending ? (
        <div className="space-y-2" data-testid="runs-skeleton">
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-16 w-full" />
        </div>
      ) : runs.isError ? (
        <ErrorState message="The payout runs could not be loaded." onRetry={() => void runs.refetch()} retrying={runs.isFetching} />
      ) : runs.data.runs.length === 0 ? (
        <EmptyState title="No payout run yet" text="Runs start on the 5th at 06:00 UTC, or with the button above." />
      ) : (
        <ul className="space-y-3">
          {runs.data.runs.map((r) => (
            <li key={r.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="payout-run">
              <div className="flex flex-wrap items-center gap-3">
                <span className="font-semibold text-slate-900">{r.month}</span>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STATUS_STYLE[r.status] ?? ""}`}>{r.status}</span>
                <span className="text-xs text-slate-500">
                  {r.trigger === "cron" ? "on schedule" : `by ${r.triggeredBy ?? "an operator"}`} · started {new Date(r.startedAt).toLocaleString()}
                  {r.finishedAt && ` · finished ${new Date(r.finishedAt).toLocaleString()}`}
                </span>
              </div>
              <dl className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
                {[
                  ["Statements", r.orgsTotal],
                  ["Paid", r.orgsPaid],
                  ["Carried forward", r.orgsCarriedForward],
                  ["Failed", r.orgsFailed],
                  ["Paid out", money(r.paidCents)],
                ].map(([label, value]) => (
                  <div key={label as string}>
                    <dt className="text-xs text-slate-500">{label}</dt>
                    <dd className="font-medium tabular-nums text-slate-900">{value}</dd>
                  </div>
                ))}
              </dl>
              {r.errors.length > 0 && (
                <details className="mt-3 text-sm">
                  <summary className="cursor-pointer text-red-700">{r.errors.length} step error{r.errors.length === 1 ? "" : "s"}</summary>
                  <ul className="mt-2 space-y-1 font-mono text-xs text-slate-700">
                    {r.errors.map((e, i) => (
                      <li key={i}>
                        {e.at.slice(0, 19)} {e.step}
                        {e.orgId ? ` (org ${e.orgId})` : ""}: {e.message}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Reconciliation({ defaultMonth }: { defaultMonth: string }) {
  const trpc = useTRPC();
  const [month, setMonth] = useState(defaultMonth);
  const report = useQuery({ ...trpc.payoutRun.reconcile.queryOptions({ month }), enabled: /^\d{4}-\d{2}$/.test(month), retry: false });
  const t = report.data?.totals;
  return (
    <section aria-labelledby="recon-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="recon-heading" className="text-lg font-semibold text-slate-900">Reconciliation</h2>
        <label className="text-sm text-slate-700">
          Month{" "}
          <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} className="ml-2 rounded-md border border-slate-300 px-2 py-1 text-sm" />
        </label>
      </div>
      {report.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : report.isError ? (
        <ErrorState message={report.error.message} onRetry={() => void report.refetch()} retrying={report.isFetching} />
      ) : (
        <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="reconciliation">
          <p className={`text-sm font-medium ${report.data.ok ? "text-emerald-700" : "text-red-700"}`}>
            {report.data.ok ? `${report.data.month}: everything matches.` : `${report.data.month}: ${report.data.differences.length} difference(s).`}{" "}
            <span className="font-normal text-slate-500">Stripe API: {report.data.stripeApi}</span>
          </p>
          {t && (
            <table className="mt-3 w-full max-w-md text-sm">
              <tbody>
                {reconciliationTotalRows(t).map(([label, cents]) => (
                  <tr key={label} className="border-t border-slate-100">
                    <td className="py-1 text-slate-600">{label}</td>
                    <td className="py-1 text-right tabular-nums">{money(cents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.data.differences.length > 0 && (
            <ul className="mt-4 space-y-2 text-sm">
              {report.data.differences.map((d, i) => (
                <li key={i} className="rounded-md bg-red-50 px-3 py-2 text-red-900">
                  <strong>{d.check}</strong> · {d.subject}: expected {money(d.expectedCents)}, found {money(d.actualCents)}
                  <div className="text-xs text-red-800">{d.cause}</div>
                </li>
              ))}
            </ul>
          )}
          {report.data.notes.map((n, i) => (
            <p key={i} className="mt-2 text-xs text-slate-500">{n}</p>
          ))}
        </div>
      )}
    </section>
  );
}

export default function AdminPayoutsPage() {
  const trpc = useTRPC();
  const runs = useQuery(trpc.payoutRun.list.queryOptions());
  return (
    <>
      <Head>
        <title>Payouts · Pack Market admin</title>
      </Head>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-6 py-4">
          <Wordmark href="/app" />
          <span className="text-sm text-slate-500">Platform operators</span>
        </div>
      </header>
      <main className="mx-auto max-w-5xl space-y-10 px-6 py-8">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">Payouts</h1>
          <p className="mt-1 text-sm text-slate-600">
            Monthly revenue-share payouts to seller orgs, and the reconciliation of each month. <Link className="text-brand-700 underline" href="/app">Back to the app</Link>
          </p>
        </div>
        <Runs />
        {runs.data ? <Reconciliation defaultMonth={runs.data.lastMonth} /> : <Skeleton className="h-40 w-full" />}
      </main>
    </>
  );
}
