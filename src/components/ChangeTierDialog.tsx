// "Change tier": the pack's tiers, what a change to each one does and when, and one confirm. An
// upgrade is billed now (prorated) and its quota applies at once; a downgrade starts at the next
// period, which the dialog says with its date. Only admins and owners may change tier: for anyone
// else the button is disabled with the reason.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatCount, formatDate } from "~/lib/format";
import { formatMoney } from "~/lib/money";
import type { PackSubscription } from "~/server/services/subscription/subscription-schemas";
import { isUpgrade } from "~/server/services/subscription/tier-change";
import { useTRPC } from "~/utils/trpc";
import { primaryButton, secondaryButton } from "./button-styles";
import { Modal } from "./Modal";
import { Notice } from "./Notice";
import { tierName } from "./PricingTiers";
import { Spinner } from "./Spinner";
import { useOrgManagement } from "./use-org-management";

type Tier = PackSubscription["tiers"][number];

// What choosing `tier` would do, in the buyer's words.
export function changeEffect(sub: PackSubscription, tier: Tier): string {
  const quota = `${formatCount(tier.rowQuota)} rows a month`;
  if (tier.id === sub.billedTier.id) {
    return sub.scheduledChange ? `Already scheduled for ${formatDate(sub.scheduledChange.at)}.` : "Your current tier.";
  }
  if (tier.id === sub.tier.id) return `Stay on ${tierName(tier.tier)}: the change planned for ${formatDate(sub.scheduledChange!.at)} is called off.`;
  if (isUpgrade(sub.tier, tier)) {
    return `Starts now with ${quota}. You pay the difference for the rest of this period today, then ${formatMoney(tier.priceCents, tier.currency, { compact: true })}/month.`;
  }
  const when = sub.currentPeriodEnd ? formatDate(sub.currentPeriodEnd) : "the end of this period";
  return `Starts on ${when} with ${quota}. Until then you keep ${tierName(sub.tier.tier)} and its ${formatCount(sub.tier.rowQuota)} rows.`;
}

export function useInvalidateSubscription() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.subscription.forPack.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.subscription.myPacks.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.usage.get.queryKey() }),
    ]);
}

export function ChangeTierDialog({ sub, open, onClose }: { sub: PackSubscription; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateSubscription();
  const [choice, setChoice] = useState<Tier["tier"]>(sub.billedTier.tier);
  const change = useMutation(trpc.subscription.changeTier.mutationOptions());
  const chosen = sub.tiers.find((t) => t.tier === choice) ?? sub.billedTier;
  const nothingToDo = chosen.id === sub.billedTier.id;

  function confirm() {
    change.mutate(
      { packId: sub.pack.id, tier: choice },
      {
        onSuccess: async () => {
          await invalidate();
          onClose();
        },
      },
    );
  }

  return (
    <Modal open={open} onClose={() => !change.isPending && onClose()} title={`Change tier — ${sub.pack.title}`} testId="change-tier-dialog">
      <fieldset className="mt-4">
        <legend className="text-sm text-slate-600">Upgrades start now; downgrades start when the current period ends.</legend>
        <ul className="mt-4 space-y-2">
          {sub.tiers.map((tier) => {
            const id = `tier-option-${tier.id}`;
            return (
              <li key={tier.id}>
                <label
                  htmlFor={id}
                  className={`flex cursor-pointer gap-3 rounded-lg border px-4 py-3 transition ${
                    choice === tier.tier ? "border-brand-500 bg-brand-50/50 ring-1 ring-brand-500" : "border-slate-200 hover:border-slate-300"
                  }`}
                >
                  <input
                    id={id}
                    type="radio"
                    name="tier"
                    value={tier.tier}
                    checked={choice === tier.tier}
                    onChange={() => setChoice(tier.tier)}
                    aria-describedby={`${id}-effect`}
                    className="mt-1 accent-brand-600"
                  />
                  <span className="min-w-0 flex-1">
                    <span className="flex flex-wrap items-baseline justify-between gap-2">
                      <span className="font-semibold text-slate-900">{tierName(tier.tier)}</span>
                      <span className="text-sm text-slate-600">
                        {formatMoney(tier.priceCents, tier.currency, { compact: true })}/month · {formatCount(tier.rowQuota)} rows
                      </span>
                    </span>
                    <span id={`${id}-effect`} className="mt-1 block text-sm text-slate-500">
                      {changeEffect(sub, tier)}
                    </span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      {change.error && (
        <Notice tone="error" className="mt-4" testId="change-tier-error">
          {change.error.message}
        </Notice>
      )}
      <div className="mt-6 flex justify-end gap-3">
        <button type="button" className={secondaryButton} onClick={onClose} disabled={change.isPending}>
          Cancel
        </button>
        <button type="button" className={primaryButton} onClick={confirm} disabled={change.isPending || nothingToDo} aria-busy={change.isPending || undefined}>
          {change.isPending && <Spinner />}
          {change.isPending
            ? "Changing…"
            : nothingToDo
              ? "Choose a tier"
              : isUpgrade(sub.tier, chosen)
                ? `Upgrade to ${tierName(chosen.tier)}`
                : chosen.id === sub.tier.id
                  ? `Stay on ${tierName(chosen.tier)}`
                  : `Change to ${tierName(chosen.tier)} on ${sub.currentPeriodEnd ? formatDate(sub.currentPeriodEnd) : "renewal"}`}
        </button>
      </div>
    </Modal>
  );
}

const ROLE_NOTE_ID = "change-tier-role-note";

// The button that opens the dialog, disabled with the reason for members.
export function ChangeTierButton({ sub, className = secondaryButton }: { sub: PackSubscription; className?: string }) {
  const [open, setOpen] = useState(false);
  const management = useOrgManagement();
  const blocked = !management.canManage
    ? `Only admins and owners of ${management.orgName ?? "your org"} can change tier.`
    : sub.cancelAtPeriodEnd
      ? "The subscription ends at the end of this period: resume it in Manage billing to change tier."
      : sub.status !== "active" && sub.status !== "trialing"
        ? "Settle the overdue payment in Manage billing before changing tier."
        : null;
  const noteId = `${ROLE_NOTE_ID}-${sub.subscriptionId}`;
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)} disabled={blocked !== null} aria-describedby={blocked ? noteId : undefined}>
        Change tier
      </button>
      {blocked && (
        <p id={noteId} className="basis-full text-xs text-slate-500">
          {blocked}
        </p>
      )}
      {open && <ChangeTierDialog sub={sub} open={open} onClose={() => setOpen(false)} />}
    </>
  );
}

// On My Packs: the subscription's tier change state and button, read per pack (the list itself
// carries the tier billed only).
export function MyPackTierChange({ packId }: { packId: string }) {
  const trpc = useTRPC();
  const mine = useQuery(trpc.subscription.forPack.queryOptions({ packId }));
  const sub = mine.data?.subscription;
  if (!sub) return null;
  return (
    <>
      <ChangeTierButton sub={sub} />
      {sub.scheduledChange && (
        <p className="basis-full text-sm font-medium text-slate-700" data-testid="scheduled-change">
          {tierName(sub.tier.tier)} until {formatDate(sub.scheduledChange.at)}, then {tierName(sub.scheduledChange.tier.tier)}
        </p>
      )}
    </>
  );
}
