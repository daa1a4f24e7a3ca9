import Link from "next/link";
import { formatCount } from "~/lib/format";
import type { PackCard as PackCardData } from "~/server/services/pack/pack-schemas";
import { ArrowRightIcon, CheckIcon, ColumnsIcon, UsersIcon } from "./icons";
import { PriceFrom } from "./PriceFrom";
import { Skeleton } from "./Skeleton";

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function CategoryBadge({ category, className = "" }: { category: string; className?: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-brand-100 ring-inset ${className}`}
    >
      {category}
    </span>
  );
}

// The signed-in org holds a live subscription to the pack.
export function SubscribedBadge({ className = "" }: { className?: string }) {
  return (
    <span
      data-testid="subscribed-badge"
      className={`inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2.5 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200 ring-inset ${className}`}
    >
      <CheckIcon className="h-3 w-3" />
      Subscribed
    </span>
  );
}

export function PackCard({ pack, subscribed = false, href }: { pack: PackCardData; subscribed?: boolean; href?: string }) {
  return (
    <Link
      href={href ?? `/marketplace/packs/${encodeURIComponent(pack.slug)}`}
      data-testid="pack-card"
      className="group flex h-full flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm transition duration-200 hover:-translate-y-0.5 hover:border-brand-100 hover:shadow-lg hover:shadow-slate-200/60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
    >
      <article className="flex h-full flex-col" aria-label={pack.title}>
        <div className="flex items-center justify-between gap-3">
          <span className="flex min-w-0 flex-wrap items-center gap-1.5">
            <CategoryBadge category={pack.category} />
            {subscribed && <SubscribedBadge />}
          </span>
          <span className="inline-flex shrink-0 items-center gap-1 text-xs text-slate-500">
            <ColumnsIcon className="h-3.5 w-3.5" />
            {plural(pack.columnsCount, "column")}
          </span>
        </div>
        <h3 className="mt-4 text-lg font-semibold tracking-tight text-slate-900 group-hover:text-brand-700">{pack.title}</h3>
        <p className="mt-2 line-clamp-3 flex-1 text-sm leading-6 text-slate-600">{pack.summary}</p>
        <div className="mt-6 flex items-end justify-between gap-3 border-t border-slate-100 pt-4">
          <div>
            <PriceFrom price={pack.priceFrom} />
            <p className="mt-1 inline-flex items-center gap-1 text-xs text-slate-500">
              <UsersIcon className="h-3.5 w-3.5" />
              {plural(pack.contributorsCount, "contributing org")}
            </p>
          </div>
          <ArrowRightIcon className="h-4 w-4 text-slate-300 transition group-hover:translate-x-0.5 group-hover:text-brand-600" />
        </div>
      </article>
    </Link>
  );
}

export function PackCardSkeleton() {
  return (
    <div className="flex h-full flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex items-center justify-between">
        <Skeleton className="h-5 w-24 rounded-full" />
        <Skeleton className="h-3.5 w-16" />
      </div>
      <Skeleton className="mt-5 h-5 w-3/4" />
      <div className="mt-3 space-y-2">
        <Skeleton className="h-3.5 w-full" />
        <Skeleton className="h-3.5 w-full" />
        <Skeleton className="h-3.5 w-1/2" />
      </div>
      <div className="mt-6 border-t border-slate-100 pt-4">
        <Skeleton className="h-4 w-28" />
        <Skeleton className="mt-2 h-3 w-36" />
      </div>
    </div>
  );
}
