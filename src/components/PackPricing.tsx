// The pack page's pricing section. Signed out or not subscribed: the tiers with "Subscribe & Get
// Access" (or "Sign in to subscribe"). Subscribed (a live subscription of the active org):
// "Subscribed — <Tier>", this period's usage, a downgrade waiting for the period's end, and Manage
// billing / Change tier instead of subscribe buttons.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatCount, formatDate } from "~/lib/format";
import type { PackDetail } from "~/server/services/pack/pack-schemas";
import type { PackSubscription } from "~/server/services/subscription/subscription-schemas";
import { useTRPC } from "~/utils/trpc";
import { BillingPortalButton, useBillingPortal } from "./BillingPortalButton";
import { primaryButton } from "./button-styles";
import { ChangeTierButton } from "./ChangeTierDialog";
import { CheckIcon } from "./icons";
import { Notice } from "./Notice";
import { PricingTiers, tierName } from "./PricingTiers";
import { Skeleton } from "./Skeleton";
import { useOrgManagement } from "./use-org-management";

function SubscribedPanel({ sub, here }: { sub: PackSubscription; here: string }) {
  const portal = useBillingPortal(`${here}#pricing`);
  const management = useOrgManagement();
  const noteId = `manage-role-note-${sub.subscriptionId}`;
  return (
    <div data-testid="subscribed-panel" className="mb-8 rounded-xl border border-emerald-200 bg-emerald-50/60 p-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="inline-flex items-center gap-2 text-lg font-semibold text-emerald-900">
            <CheckIcon className="h-5 w-5" />
            Subscribed — {tierName(sub.tier.tier)}
          </p>
          <p className="mt-1 text-sm text-emerald-900/80">
            {sub.usage
              ? `${formatCount(sub.usage.rowsUsed)} of ${formatCount(sub.usage.rowQuota)} rows used this period`
              : `${formatCount(sub.tier.rowQuota)} rows a month`}
            {sub.currentPeriodEnd && (
              <> · {sub.cancelAtPeriodEnd ? "ends" : "renews"} {formatDate(sub.currentPeriodEnd)}</>
            )}
          </p>
          {sub.scheduledChange && (
            <p className="mt-2 text-sm font-medium text-emerald-900" data-testid="scheduled-change">
              Changes to {tierName(sub.scheduledChange.tier.tier)} on {formatDate(sub.scheduledChange.at)}
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Link href="/app/marketplace/my-packs" className={primaryButton}>
            Open My Packs
          </Link>
          <ChangeTierButton sub={sub} />
          <BillingPortalButton
            portal={portal}
            id="pack-page"
            label="Manage billing"
            notAllowedReasonId={management.canManage ? undefined : noteId}
          />
        </div>
      </div>
      {!management.canManage && (
        <p id={noteId} className="mt-3 text-xs text-emerald-900/70">
          Only admins and owners of {management.orgName} can manage billing.
        </p>
      )}
      {portal.error && (
        <Notice tone="error" className="mt-4">
          {portal.error.message}
        </Notice>
      )}
    </div>
  );
}

export function PackPricing({
  pack,
  signedIn,
  signInHref,
  here,
}: {
  pack: Pick<PackDetail, "id" | "tiers">;
  signedIn: boolean;
  signInHref: string;
  here: string;
}) {
  const trpc = useTRPC();
  const mine = useQuery({ ...trpc.subscription.forPack.queryOptions({ packId: pack.id }), enabled: signedIn });
  if (signedIn && mine.isPending) {
    return (
      <div role="status" aria-label="Loading your subscription" className="grid gap-6 md:grid-cols-3">
        {pack.tiers.map((t) => (
          <Skeleton key={t.id} className="h-80 rounded-xl" />
        ))}
      </div>
    );
  }
  // Not knowing (an error) shows the tiers: subscribing again is refused by the server anyway.
  const subscription = mine.data?.subscription ?? null;
  return (
    <>
      {subscription && <SubscribedPanel sub={subscription} here={here} />}
      <PricingTiers packId={pack.id} tiers={pack.tiers} signedIn={signedIn} signInHref={signInHref} subscription={subscription} />
    </>
  );
}
