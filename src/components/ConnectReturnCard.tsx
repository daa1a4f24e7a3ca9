// The centred card of the pages Stripe's onboarding returns to (callback, refresh): progress,
// success, a step still to take, or a problem.
import type { ReactNode } from "react";
import { AlertIcon, CheckIcon } from "./icons";
import { Spinner } from "./Spinner";

export type ReturnTone = "progress" | "success" | "incomplete" | "problem";

const ICON: Record<ReturnTone, { ring: string; icon: ReactNode }> = {
  progress: { ring: "bg-brand-50 text-brand-600", icon: <Spinner className="h-6 w-6" /> },
  success: { ring: "bg-emerald-50 text-emerald-600", icon: <CheckIcon className="h-6 w-6" /> },
  incomplete: { ring: "bg-amber-50 text-amber-600", icon: <AlertIcon className="h-6 w-6" /> },
  problem: { ring: "bg-red-50 text-red-600", icon: <AlertIcon className="h-6 w-6" /> },
};

export function ConnectReturnCard({ tone, title, children }: { tone: ReturnTone; title: string; children?: ReactNode }) {
  const { ring, icon } = ICON[tone];
  return (
    <div
      role={tone === "problem" ? "alert" : "status"}
      aria-live={tone === "problem" ? undefined : "polite"}
      aria-busy={tone === "progress" || undefined}
      data-testid={`connect-${tone}`}
      className={`mx-auto flex max-w-lg flex-col items-center rounded-xl border bg-white px-6 py-12 text-center shadow-sm ${
        tone === "problem" ? "border-red-200" : "border-slate-200"
      }`}
    >
      <span className={`flex h-12 w-12 items-center justify-center rounded-full ${ring}`}>{icon}</span>
      <h1 className="mt-5 text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {children}
    </div>
  );
}
