// "From $49/mo": a pack's cheapest tier, on cards and on the pack page.
import { formatMoney } from "~/lib/money";
import type { PackCard } from "~/server/services/pack/pack-schemas";

export function PriceFrom({ price, size = "base" }: { price: PackCard["priceFrom"]; size?: "base" | "large" }) {
  if (!price) return <p className="text-sm text-slate-500">Pricing coming soon</p>;
  const amountClass = size === "large" ? "text-2xl font-semibold tracking-tight text-slate-900" : "text-base font-semibold text-slate-900";
  return (
    <p className="text-sm text-slate-500">
      From <span className={amountClass}>{formatMoney(price.amountCents, price.currency, { compact: true })}</span>
      /mo
    </p>
  );
}
