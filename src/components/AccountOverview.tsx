// The app home's account at a glance: buying (subscriptions and this period's usage), API keys,
// and selling (this month's contributions and the next payout), or "Start selling" for an org that
// sells nothing yet. Each panel has its empty state; the whole has a skeleton and an error state.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatCount, formatDate } from "~/lib/format";
import { formatMoney } from "~/lib/money";
import type { OrgOverview } from "~/server/services/org/org-schemas";
import { useTRPC } from "~/utils/trpc";
import { APP_NAV } from "./app-nav";
import { primaryButton, secondaryButton } from "./button-styles";
import { ErrorState } from "./ErrorState";
import { BoxIcon, KeyIcon, ToggleIcon, WalletIcon } from "./icons";
import { tierName } from "./PricingTiers";
import { Skeleton } from "./Skeleton";
import { UsageBar } from "./UsageBar";

const OPT_IN_HREF = "/app/marketplace/opt-in";

// A selling page's link, once that page has shipped (app-nav's `available`).
function sellLink(href: string): boolean {
  return APP_NAV.some((s) => s.items.some((i) => i.href === href && i.available));
}

function Panel({ title, icon, action, children, testId }: { title: string; icon: ReactNode; action?: ReactNode; children: ReactNode; testId: string }) {
  return (
    <section aria-label={title} data-testid={testId} className="flex flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex items-center justify-between gap-3">
        <h2 className="inline-flex items-center gap-2 text-base font-semibold text-slate-900">
          <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-brand-50 text-brand-600">{icon}</span>
          {title}
        </h2>
        {action}
      </div>
      <div className="mt-4 flex-1">{children}</div>
    </section>
  );
}

function Buying({ buying }: { buying: OrgOverview["buying"] }) {
  return (
    <Panel
      title="Subscriptions"
      icon={<BoxIcon className="h-4 w-4" />}
      testId="overview-subscriptions"
      action={
        <Link href="/app/marketplace/my-packs" className="text-sm font-medium text-brand-700 hover:text-brand-800">
          My Packs
        </Link>
      }
    >
      {buying.needsAttention > 0 && (
        <p className="mb-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {buying.needsAttention === 1 ? "A payment failed" : `${buying.needsAttention} payments failed`}: see My Packs.
        </p>
      )}
      {buying.subscriptions.length === 0 ? (
        <div className="text-sm text-slate-600">
          <p>No subscriptions yet. Find a pack with the data you need.</p>
          <Link href="/app/marketplace" className={`mt-4 ${primaryButton}`}>
            Browse the marketplace
          </Link>
        </div>
      ) : (
        <ul className="space-y-5">
          {buying.subscriptions.map((s) => (
            <li key={s.subscriptionId}>
              <p className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                <Link href={`/marketplace/packs/${encodeURIComponent(s.pack.slug)}`} className="font-medium text-slate-900 hover:text-brand-700">
                  {s.pack.title}
                </Link>
                <span className="text-slate-500">
                  {tierName(s.tier)}
                  {s.currentPeriodEnd && <> · renews {formatDate(s.currentPeriodEnd)}</>}
                </span>
              </p>
              <UsageBar className="mt-2" used={s.rowsUsed} quota={s.rowQuota} label={`Rows used of ${s.pack.title} this period`} />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function ApiKeys({ keys }: { keys: OrgOverview["apiKeys"] }) {
  return (
    <Panel
      title="API keys"
      icon={<KeyIcon className="h-4 w-4" />}
      testId="overview-keys"
      action={
        <Link href="/app/marketplace/api-keys" className="text-sm font-medium text-brand-700 hover:text-brand-800">
          Manage keys
        </Link>
      }
    >
      {keys.active === 0 ? (
        <p className="text-sm text-slate-600">No active keys. Create one to read rows from your programs.</p>
      ) : (
        <dl className="grid grid-cols-2 gap-4 text-sm">
          <div>
            <dt className="text-slate-500">Active keys</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900">{formatCount(keys.active)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Last used</dt>
            <dd className="mt-1 font-medium text-slate-900">{keys.lastUsedAt ? formatDate(keys.lastUsedAt) : "Never"}</dd>
          </div>
        </dl>
      )}
    </Panel>
  );
}

function Selling({ selling }: { selling: NonNullable<OrgOverview["selling"]> }) {
  const payout = selling.nextPayout;
  return (
    <Panel
      title="Selling"
      icon={<WalletIcon className="h-4 w-4" />}
      testId="overview-selling"
      action={
        sellLink("/app/marketplace/contributions") ? (
          <Link href="/app/marketplace/contributions" className="text-sm font-medium text-brand-700 hover:text-brand-800">
            Contributions
          </Link>
        ) : undefined
      }
    >
      <dl className="grid gap-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">Sessions contributed this month</dt>
          <dd className="mt-1 text-2xl font-semibold text-slate-900">{formatCount(selling.sessionsThisMonth)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Next payout</dt>
          <dd className="mt-1 font-medium text-slate-900">
            {payout ? (
              <>
                {formatMoney(payout.amountCents, payout.currency)} on {formatDate(payout.payoutOn)}
              </>
            ) : (
              "No statement yet"
            )}
          </dd>
        </div>
      </dl>
      {selling.contributions.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">No sessions contributed this month yet.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100 border-t border-slate-100 text-sm">
          {selling.contributions.slice(0, 5).map((c) => (
            <li key={c.pack.id} className="flex justify-between gap-3 py-2">
              <span className="truncate text-slate-700">{c.pack.title}</span>
              <span className="font-medium text-slate-900">{formatCount(c.sessions)}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function StartSelling() {
  return (
    <Panel title="Start selling" icon={<ToggleIcon className="h-4 w-4" />} testId="overview-start-selling">
      <p className="text-sm leading-6 text-slate-600">
        Have a product with usage data? Opt it into packs and earn a share of their revenue every month, paid to your
        Stripe account. Buyers only ever see aggregates, never who contributed.
      </p>
      <Link href={OPT_IN_HREF} className={`mt-4 ${secondaryButton}`}>
        Start selling
      </Link>
    </Panel>
  );
}

export function AccountOverview() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.org.overview.queryOptions());
  if (overview.isPending) {
    return (
      <div role="status" aria-label="Loading your account" className="grid gap-6 lg:grid-cols-2">
        {[0, 1, 2].map((i) => (
          <div key={i} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <Skeleton className="h-6 w-40" />
            <Skeleton className="mt-5 h-4 w-full" />
            <Skeleton className="mt-3 h-2 w-full rounded-full" />
          </div>
        ))}
      </div>
    );
  }
  if (overview.isError) {
    return (
      <ErrorState
        title="We couldn't load your account"
        message="Your subscriptions, keys and earnings could not be loaded. Try again."
        onRetry={() => void overview.refetch()}
        retrying={overview.isFetching}
      />
    );
  }
  const data = overview.data;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Buying buying={data.buying} />
      <ApiKeys keys={data.apiKeys} />
      {data.selling ? <Selling selling={data.selling} /> : <StartSelling />}
    </div>
  );
}
