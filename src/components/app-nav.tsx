// The signed-in app's navigation, in one place: the sidebar and the /app overview both read it.
// A page that ships flips its `available` flag; until then it shows as "Soon" and is not a link.
import type { ComponentType, SVGProps } from "react";
import { BoxIcon, ChartIcon, KeyIcon, StoreIcon, ToggleIcon, WalletIcon } from "./icons";

export type AppNavItem = {
  label: string;
  href: string;
  available: boolean;
  description: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
};

export type AppNavSection = { id: "buy" | "sell"; label: string; items: AppNavItem[] };

export const APP_NAV: AppNavSection[] = [
  {
    id: "buy",
    label: "Buy",
    items: [
      {
        label: "Marketplace",
        href: "/app/marketplace",
        available: true,
        description: "Browse data packs, compare their schemas and sample rows, and pick a tier.",
        icon: StoreIcon,
      },
      {
        label: "My Packs",
        href: "/app/marketplace/my-packs",
        available: true,
        description: "Your subscriptions: rows used against quota, billing period, downloads and API access.",
        icon: BoxIcon,
      },
      {
        label: "API keys",
        href: "/app/marketplace/api-keys",
        available: true,
        description: "Keys your programs use to read rows through the data API: create, label and revoke them.",
        icon: KeyIcon,
      },
    ],
  },
  {
    id: "sell",
    label: "Sell",
    items: [
      {
        label: "Opt-in",
        href: "/app/marketplace/opt-in",
        available: true,
        description: "Your products, and which of them contribute usage sessions to which packs, with earnings estimates.",
        icon: ToggleIcon,
      },
      {
        label: "Contributions",
        href: "/app/marketplace/contributions",
        available: true,
        description: "Sessions you contributed to each pack this month and the revenue they are likely to earn.",
        icon: ChartIcon,
      },
      {
        label: "Payouts",
        href: "/app/marketplace/payouts",
        available: true,
        description: "Monthly statements of your revenue share and payouts to your connected Stripe account.",
        icon: WalletIcon,
      },
    ],
  },
];

export function SoonBadge() {
  return (
    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-[11px] font-medium uppercase tracking-wide text-slate-500 ring-1 ring-slate-200 ring-inset">
      Soon
    </span>
  );
}
