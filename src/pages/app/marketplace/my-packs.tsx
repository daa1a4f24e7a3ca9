// My Packs: the org's subscriptions with usage against quota, billing status and where to use them.
import { useQuery } from "@tanstack/react-query";
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { getServerSession } from "next-auth";
import Link from "next/link";
import { ApiKeyManager } from "~/components/ApiKeyManager";
import { AppShell } from "~/components/AppShell";
import { BillingPortalButton, useBillingPortal, type BillingPortal } from "~/components/BillingPortalButton";
import { primaryButton } from "~/components/button-styles";
import { EmptyState } from "~/components/EmptyState";
import { ErrorState } from "~/components/ErrorState";
import { BoxIcon } from "~/components/icons";
import { MyPackCard, MyPackCardSkeleton } from "~/components/MyPackCard";
import { Notice } from "~/components/Notice";
import { plural } from "~/components/PackCard";
import { LoadingRegion, Skeleton } from "~/components/Skeleton";
import { UsageAlertNotices } from "~/components/UsageAlertNotices";
import { UsageBar } from "~/components/UsageBar";
import { DailyUsage } from "~/components/UsageChart";
import { useOrgManagement } from "~/components/use-org-management";
import { formatDate } from "~/lib/format";
import { authOptions } from "~/server/auth";
import type { MyPack } from "~/server/services/subscription/subscription-schemas";
import { useTRPC } from "~/utils/trpc";

type Props = { session: Session };

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res }) => {
  const session = (await getServerSession(req, res, authOptions())) as Session | null;
  if (!session) {
    return { redirect: { destination: `/auth/signin?callbackUrl=${encodeURIComponent("/app/marketplace/my-packs")}`, permanent: false } };
  }
  // Round-trip through JSON: next-auth may leave undefined fields, which props cannot carry.
  return { props: { session: JSON.parse(JSON.stringify(session)) as Session } };
};

// Billing is for the org's admins and owners; for a member, the id of the note that says so.
const BILLING_ROLE_NOTE_ID = "billing-role-note";

function PastDueBanner({ sub, portal, notAllowedReasonId }: { sub: MyPack; portal: BillingPortal; notAllowedReasonId?: string }) {
  const pack = <span className="font-semibold">{sub.pack.title}</span>;
  let text;
  if (!sub.hasAccess) {
    text = <>Payment failed for {pack} — access is paused. Update your card to restore it.</>;
  } else if (sub.graceEndsAt) {
    text = <>Payment failed for {pack} — update your card by {formatDate(sub.graceEndsAt)} to keep access.</>;
  } else {
    text = <>Payment failed for {pack} — update your card to keep access.</>;
  }
  return (
    <Notice
      tone="warning"
      testId="past-due-banner"
      action={
        <BillingPortalButton
          portal={portal}
          id={`update-card-${sub.subscriptionId}`}
          label="Update payment method"
          notAllowedReasonId={notAllowedReasonId}
        />
      }
    >
      {text}
    </Notice>
  );
}

function UsageSummary({ packs, totals }: { packs: MyPack[]; totals: { rowsUsed: number; rowQuota: number } }) {
  const live = packs.filter((p) => p.hasAccess).length;
  return (
    <section aria-labelledby="usage-summary-title" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="usage-summary-title" className="text-sm font-semibold uppercase tracking-wider text-slate-500">
          Usage this period
        </h2>
        <p className="text-sm text-slate-500">{plural(live, "pack")} with access</p>
      </div>
      {live > 0 ? (
        <UsageBar
          className="mt-4"
          used={totals.rowsUsed}
          quota={totals.rowQuota}
          caption="rows across your packs"
          label="Rows used across your packs this period"
        />
      ) : (
        <p className="mt-4 text-sm text-slate-600">None of your subscriptions can read rows right now.</p>
      )}
    </section>
  );
}

function MyPacksSkeleton() {
  return (
    <LoadingRegion label="Loading your packs" className="space-y-6">
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div className="flex justify-between">
          <Skeleton className="h-3.5 w-36" />
          <Skeleton className="h-3.5 w-28" />
        </div>
        <Skeleton className="mt-5 h-3.5 w-56" />
        <Skeleton className="mt-2.5 h-2 w-full rounded-full" />
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <MyPackCardSkeleton />
        <MyPackCardSkeleton />
      </div>
    </LoadingRegion>
  );
}

function useMyPacks() {
  const trpc = useTRPC();
  return useQuery(trpc.subscription.myPacks.queryOptions());
}

// Rows per day for the charts: fetched beside My Packs, so the cards show while it loads.
function useUsage() {
  const trpc = useTRPC();
  return useQuery(trpc.usage.get.queryOptions({}));
}

// The newest live key's visible prefix, for the cards' API example (the same query as the key list
// below, so one request serves both).
function useNewestKeyPrefix(): string | null {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  return keys.data?.keys[0]?.prefix ?? null;
}

function MyPacksBody({
  myPacks,
  usage,
  portal,
  notAllowedReasonId,
}: {
  myPacks: ReturnType<typeof useMyPacks>;
  usage: ReturnType<typeof useUsage>;
  portal: BillingPortal;
  notAllowedReasonId?: string;
}) {
  const keyPrefix = useNewestKeyPrefix();
  if (myPacks.isPending) return <MyPacksSkeleton />;
  if (myPacks.isError) {
    return (
      <ErrorState
        title="We couldn't load your packs"
        message="Your subscriptions could not be loaded. Check your connection and try again."
        onRetry={() => void myPacks.refetch()}
        retrying={myPacks.isFetching}
      />
    );
  }
  const { packs, totals } = myPacks.data;
  if (packs.length === 0) {
    return (
      <EmptyState
        icon={<BoxIcon className="h-6 w-6" />}
        title="No subscriptions yet"
        text="Subscribe to a data pack to read its rows through the API or snapshot downloads. It will show up here with its usage."
        action={
          <Link href="/marketplace" className={primaryButton}>
            Browse Marketplace
          </Link>
        }
      />
    );
  }
  const pastDue = packs.filter((p) => p.status === "past_due");
  return (
    <div className="space-y-6">
      {pastDue.map((sub) => (
        <PastDueBanner key={sub.subscriptionId} sub={sub} portal={portal} notAllowedReasonId={notAllowedReasonId} />
      ))}
      <UsageAlertNotices packs={packs} />
      <UsageSummary packs={packs} totals={totals} />
      <ul className="grid gap-6 md:grid-cols-2" aria-label="Your subscriptions">
        {packs.map((sub) => (
          <li key={sub.subscriptionId}>
            <MyPackCard
              sub={sub}
              keyPrefix={keyPrefix}
              usageChart={sub.hasAccess && <DailyUsage usage={usage} subscriptionId={sub.subscriptionId} packTitle={sub.pack.title} />}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

export default function MyPacksPage() {
  const myPacks = useMyPacks();
  const usage = useUsage();
  const portal = useBillingPortal();
  const management = useOrgManagement();
  // No subscription yet means no Stripe customer, so there is no billing to manage.
  const hasSubscriptions = (myPacks.data?.packs.length ?? 0) > 0;
  const notAllowedReasonId = management.canManage ? undefined : BILLING_ROLE_NOTE_ID;
  return (
    <AppShell title="My Packs">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 flex-1 basis-80">
          <h1 className="text-3xl font-semibold tracking-tight text-slate-900">My Packs</h1>
          <p className="mt-2 text-sm text-slate-500">
            Your subscriptions, the rows each one has used this billing period, and where to read them.
          </p>
        </div>
        {hasSubscriptions && (
          <div className="flex flex-col items-end gap-1.5">
            <BillingPortalButton portal={portal} id="manage-billing" label="Manage billing" notAllowedReasonId={notAllowedReasonId} />
            {notAllowedReasonId && (
              <p id={notAllowedReasonId} data-testid={notAllowedReasonId} className="max-w-xs text-right text-xs text-slate-500">
                Only admins and owners of {management.orgName} can manage billing.
              </p>
            )}
          </div>
        )}
      </div>
      {portal.error && (
        <Notice tone="error" className="mt-6" testId="billing-error">
          {portal.error.message || "We couldn't open billing. Try again in a moment."}
        </Notice>
      )}
      <div className="mt-8">
        <MyPacksBody myPacks={myPacks} usage={usage} portal={portal} notAllowedReasonId={hasSubscriptions ? notAllowedReasonId : undefined} />
      </div>
      <div className="mt-12 border-t border-slate-200 pt-10">
        <ApiKeyManager />
      </div>
    </AppShell>
  );
}
