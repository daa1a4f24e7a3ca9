// The three subscription tiers of a pack. Signed-in users start a Stripe Checkout for a tier and are
// redirected there; signed-out users are sent to sign in and brought back here. Subscribing is for
// the org's admins and owners: a member sees the buttons disabled and why.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { formatMoney } from "~/lib/money";
import { formatCount, formatDate } from "~/lib/format";
import type { PackDetail } from "~/server/services/pack/pack-schemas";
import type { PackSubscription } from "~/server/services/subscription/subscription-schemas";
import { useTRPC } from "~/utils/trpc";
import { CheckIcon } from "./icons";
import { Notice } from "./Notice";
import { Spinner } from "./Spinner";
import { useOrgManagement } from "./use-org-management";

type Tier = PackDetail["tiers"][number];

const TIER_COPY: Record<Tier["tier"], { name: string; blurb: string }> = {
  standard: { name: "Standard", blurb: "Evaluate the data and power small projects." },
  pro: { name: "Pro", blurb: "Production workloads with a larger monthly quota." },
  enterprise: { name: "Enterprise", blurb: "High-volume use across teams and pipelines." },
};

export function tierName(tier: Tier["tier"]): string {
  return TIER_COPY[tier].name;
}

const ctaClass =
  "flex w-full items-center justify-center gap-2 rounded-lg px-4 py-2.5 text-sm font-semibold shadow-sm transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500";

function useCheckout(packId: string) {
  const trpc = useTRPC();
  const checkout = useMutation(trpc.subscription.createCheckout.mutationOptions());
  // The mutation's pending state reaches the buttons a render later; the ref shuts the door at once,
  // so a double click sends one request.
  const inFlight = useRef(false);
  const [chosen, setChosen] = useState<Tier["tier"] | null>(null);

  function start(tier: Tier["tier"]) {
    if (inFlight.current) return;
    inFlight.current = true;
    setChosen(tier);
    checkout.mutate(
      { packId, tier },
      {
        // Stay locked while the browser leaves for Stripe.
        onSuccess: ({ url }) => window.location.assign(url),
        onError: () => {
          inFlight.current = false;
          setChosen(null);
        },
      },
    );
  }
  return { start, chosen, busy: chosen !== null, error: checkout.error };
}

const ROLE_NOTE_ID = "subscribe-role-note";

function SubscribeButton({
  tier,
  chosen,
  busy,
  notAllowed,
  onClick,
}: {
  tier: Tier;
  chosen: boolean;
  busy: boolean;
  notAllowed: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={busy || notAllowed}
      aria-describedby={notAllowed ? `tier-name-${tier.id} ${ROLE_NOTE_ID}` : `tier-name-${tier.id}`}
      aria-busy={chosen || undefined}
      className={`${ctaClass} bg-brand-600 text-white hover:bg-brand-700 disabled:cursor-not-allowed ${
        busy && !chosen ? "opacity-50" : ""
      } ${chosen ? "cursor-wait" : ""}`}
    >
      {chosen ? (
        <>
          <Spinner />
          Redirecting to checkout…
        </>
      ) : (
        <>Subscribe &amp; Get Access</>
      )}
    </button>
  );
}

function CheckoutError({ message }: { message: string }) {
  const alreadySubscribed = /already subscri/i.test(message);
  return (
    <Notice tone="error" className="mt-6" testId="checkout-error">
      <p>{message}</p>
      {alreadySubscribed && (
        <Link
          href="/app/marketplace/my-packs"
          className="mt-1 inline-block font-semibold text-red-900 underline underline-offset-2 hover:text-red-700"
        >
          Manage your subscription
        </Link>
      )}
    </Notice>
  );
}

// On a subscribed pack, each card says where it stands instead of offering to subscribe again.
function SubscribedTierNote({ tier, subscription }: { tier: Tier; subscription: PackSubscription }) {
  const scheduled = subscription.scheduledChange?.tier.id === tier.id ? subscription.scheduledChange : null;
  const text = tier.id === subscription.tier.id ? "Your tier" : scheduled ? `Your tier from ${formatDate(scheduled.at)}` : null;
  if (!text) return <p className="text-center text-sm text-slate-500">Switch with Change tier above</p>;
  return (
    <p className={`${ctaClass} cursor-default bg-emerald-50 text-emerald-800 shadow-none ring-1 ring-emerald-200 ring-inset`} data-testid="current-tier">
      <CheckIcon className="h-4 w-4" />
      {text}
    </p>
  );
}

export function PricingTiers({
  packId,
  tiers,
  signedIn,
  signInHref,
  subscription = null,
}: {
  packId: string;
  tiers: Tier[];
  signedIn: boolean;
  signInHref: string;
  // The active org's live subscription to this pack, if any.
  subscription?: PackSubscription | null;
}) {
  const checkout = useCheckout(packId);
  const management = useOrgManagement({ enabled: signedIn });
  const notAllowed = signedIn && !management.canManage;
  if (tiers.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-500">
        Pricing for this pack is not published yet.
      </p>
    );
  }
  return (
    <div>
      <ul className="grid gap-6 md:grid-cols-3">
        {tiers.map((tier) => {
          const copy = TIER_COPY[tier.tier];
          return (
            <li key={tier.id} data-testid="tier-card" className="flex flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
              <h3 id={`tier-name-${tier.id}`} className="text-sm font-semibold uppercase tracking-wider text-brand-700">{copy.name}</h3>
              <p className="mt-1 text-sm text-slate-500">{copy.blurb}</p>
              <p className="mt-6 flex items-baseline gap-1">
                <span className="text-4xl font-semibold tracking-tight text-slate-900">
                  {formatMoney(tier.priceCents, tier.currency, { compact: true })}
                </span>
                <span className="text-sm text-slate-500">/ month</span>
              </p>
              <ul className="mt-6 flex-1 space-y-3 border-t border-slate-100 pt-6 text-sm text-slate-700">
                <li className="flex gap-2">
                  <CheckIcon className="mt-0.5 h-4 w-4 shrink-0 text-brand-600" />
                  <span>
                    <span className="font-semibold text-slate-900">{formatCount(tier.rowQuota)}</span> rows / month
                  </span>
                </li>
                <li className="flex gap-2">
                  <CheckIcon className="mt-0.5 h-4 w-4 shrink-0 text-brand-600" />
                  Rows through the REST API with API keys
                </li>
                <li className="flex gap-2">
                  <CheckIcon className="mt-0.5 h-4 w-4 shrink-0 text-brand-600" />
                  Snapshot downloads (CSV, JSON Lines)
                </li>
              </ul>
              <div className="mt-8">
                {subscription ? (
                  <SubscribedTierNote tier={tier} subscription={subscription} />
                ) : signedIn ? (
                  <SubscribeButton
                    tier={tier}
                    chosen={checkout.chosen === tier.tier}
                    busy={checkout.busy}
                    notAllowed={notAllowed}
                    onClick={() => checkout.start(tier.tier)}
                  />
                ) : (
                  <Link href={signInHref} className={`${ctaClass} bg-slate-900 text-white hover:bg-slate-700`}>
                    Sign in to subscribe
                  </Link>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {notAllowed && !subscription && (
        <Notice tone="neutral" className="mt-6" testId={ROLE_NOTE_ID}>
          <p id={ROLE_NOTE_ID}>
            Only admins and owners of {management.orgName} can subscribe; ask one of them.
          </p>
        </Notice>
      )}
      {checkout.error && <CheckoutError message={checkout.error.message} />}
    </div>
  );
}
