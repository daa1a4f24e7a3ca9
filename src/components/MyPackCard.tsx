// One subscription on My Packs: pack, tier and price, status, billing period, usage and actions.
import type { ReactNode } from "react";
import Link from "next/link";
import { formatMoney } from "~/lib/money";
import { formatDate } from "~/lib/format";
import type { MyPack } from "~/server/services/subscription/subscription-schemas";
import { ApiDocsLink } from "./ApiDocsLink";
import { MyPackTierChange } from "./ChangeTierDialog";
import { CategoryBadge } from "./PackCard";
import { tierName } from "./PricingTiers";
import { Skeleton } from "./Skeleton";
import { SnapshotsButton } from "./SnapshotsDialog";
import { UsageBar } from "./UsageBar";
import { UseApiSnippet } from "./UseApiSnippet";

const STATUS: Record<MyPack["status"], { label: string; className: string }> = {
  active: { label: "Active", className: "bg-emerald-50 text-emerald-700 ring-emerald-200" },
  trialing: { label: "Trialing", className: "bg-sky-50 text-sky-700 ring-sky-200" },
  past_due: { label: "Past due", className: "bg-amber-50 text-amber-800 ring-amber-200" },
  unpaid: { label: "Unpaid", className: "bg-red-50 text-red-700 ring-red-200" },
  canceled: { label: "Canceled", className: "bg-slate-100 text-slate-600 ring-slate-200" },
  paused: { label: "Paused", className: "bg-slate-100 text-slate-600 ring-slate-200" },
  incomplete: { label: "Incomplete", className: "bg-slate-100 text-slate-600 ring-slate-200" },
  incomplete_expired: { label: "Expired", className: "bg-slate-100 text-slate-600 ring-slate-200" },
};

export function StatusBadge({ status }: { status: MyPack["status"] }) {
  const { label, className } = STATUS[status];
  return (
    <span
      data-testid="pack-status"
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${className}`}
    >
      {label}
    </span>
  );
}

function periodText(sub: MyPack): string | null {
  if (!sub.currentPeriodEnd) return null;
  const date = formatDate(sub.currentPeriodEnd);
  if (sub.status === "canceled") return `Ended ${date}`;
  return sub.cancelAtPeriodEnd ? `Ends ${date}` : `Renews ${date}`;
}

function accessNote(sub: MyPack): string | null {
  if (sub.isDuplicate) {
    return sub.status === "canceled"
      ? "A second subscription to this pack: it was canceled at once and its payment refunded. Your other subscription is unchanged."
      : "A second subscription to this pack: it is being canceled and its payment refunded. Your other subscription is unchanged.";
  }
  if (sub.hasAccess) return null;
  if (sub.status === "canceled") return "This subscription has ended; its rows are no longer available.";
  return "Access is paused: no rows can be read until the payment succeeds.";
}

// `usageChart`: the period's rows per day, shown under the usage bar. `keyPrefix`: the visible
// prefix of one of the org's live API keys, for the API example.
export function MyPackCard({ sub, usageChart, keyPrefix }: { sub: MyPack; usageChart?: ReactNode; keyPrefix?: string | null }) {
  const titleId = `my-pack-${sub.subscriptionId}`;
  const period = periodText(sub);
  const note = accessNote(sub);
  return (
    <article
      data-testid="my-pack"
      aria-labelledby={titleId}
      className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <CategoryBadge category={sub.pack.category} />
        <StatusBadge status={sub.status} />
      </div>
      <h2 id={titleId} className="mt-4 text-lg font-semibold tracking-tight text-slate-900">
        <Link
          href={`/marketplace/packs/${encodeURIComponent(sub.pack.slug)}`}
          className="hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
        >
          {sub.pack.title}
        </Link>
      </h2>
      <p className="mt-1 flex flex-wrap gap-x-2 text-sm text-slate-500">
        <span>
          <span className="font-medium text-slate-700">{tierName(sub.tier.tier)}</span> ·{" "}
          {formatMoney(sub.tier.priceCents, sub.tier.currency, { compact: true })}/month
        </span>
        {period && (
          <>
            <span aria-hidden="true">·</span>
            <span>{period}</span>
          </>
        )}
      </p>
      <UsageBar
        className="mt-5"
        used={sub.usage.rowsUsed}
        quota={sub.usage.rowQuota}
        label={`Rows used of ${sub.pack.title} this period`}
      />
      {usageChart && <div className="mt-4">{usageChart}</div>}
      {note && <p className="mt-3 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-600">{note}</p>}
      {sub.hasAccess && <UseApiSnippet slug={sub.pack.slug} keyPrefix={keyPrefix} />}
      <div className="mt-6 flex flex-wrap gap-3 border-t border-slate-100 pt-5">
        <SnapshotsButton sub={sub} />
        <ApiDocsLink />
        {sub.hasAccess && !sub.isDuplicate && <MyPackTierChange packId={sub.pack.id} />}
      </div>
    </article>
  );
}

export function MyPackCardSkeleton() {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex items-center justify-between">
        <Skeleton className="h-5 w-24 rounded-full" />
        <Skeleton className="h-5 w-16 rounded-full" />
      </div>
      <Skeleton className="mt-5 h-5 w-1/2" />
      <Skeleton className="mt-2 h-3.5 w-64 max-w-full" />
      <div className="mt-6 flex justify-between">
        <Skeleton className="h-3.5 w-48" />
        <Skeleton className="h-3 w-14" />
      </div>
      <Skeleton className="mt-2.5 h-2 w-full rounded-full" />
      <div className="mt-6 flex gap-3 border-t border-slate-100 pt-5">
        <Skeleton className="h-9 w-28 rounded-lg" />
        <Skeleton className="h-9 w-28 rounded-lg" />
      </div>
    </div>
  );
}
