// The three subscription tiers of a pack. Checkout is not wired yet: signed-in users see the
// button disabled with a note, signed-out users are sent to sign in and brought back here.
import Link from "next/link";
import { formatCount, formatMoney } from "~/lib/money";
import type { PackDetail } from "~/server/services/pack/pack-schemas";
import { CheckIcon } from "./icons";

type Tier = PackDetail["tiers"][number];

const TIER_COPY: Record<Tier["tier"], { name: string; blurb: string }> = {
  standard: { name: "Standard", blurb: "Evaluate the data and power small projects." },
  pro: { name: "Pro", blurb: "Production workloads with a larger monthly quota." },
  enterprise: { name: "Enterprise", blurb: "High-volume use across teams and pipelines." },
};

function TierCta({ tier, signedIn, signInHref }: { tier: Tier; signedIn: boolean; signInHref: string }) {
  const ctaClass =
    "flex w-full items-center justify-center rounded-lg px-4 py-2.5 text-sm font-semibold shadow-sm transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500";
  if (!signedIn) {
    return (
      <Link href={signInHref} className={`${ctaClass} bg-slate-900 text-white hover:bg-slate-700`}>
        Sign in to subscribe
      </Link>
    );
  }
  const captionId = `checkout-note-${tier.id}`;
  return (
    <>
      <button
        type="button"
        disabled
        aria-describedby={captionId}
        className={`${ctaClass} cursor-not-allowed bg-brand-600 text-white opacity-50`}
      >
        Subscribe &amp; Get Access
      </button>
      <p id={captionId} className="mt-2 text-center text-xs text-slate-500">
        Checkout arrives with billing
      </p>
    </>
  );
}

export function PricingTiers({ tiers, signedIn, signInHref }: { tiers: Tier[]; signedIn: boolean; signInHref: string }) {
  if (tiers.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-500">
        Pricing for this pack is not published yet.
      </p>
    );
  }
  return (
    <ul className="grid gap-6 md:grid-cols-3">
      {tiers.map((tier) => {
        const copy = TIER_COPY[tier.tier];
        return (
          <li key={tier.id} data-testid="tier-card" className="flex flex-col rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <h3 className="text-sm font-semibold uppercase tracking-wider text-brand-700">{copy.name}</h3>
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
              <TierCta tier={tier} signedIn={signedIn} signInHref={signInHref} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
