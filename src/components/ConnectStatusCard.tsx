// The payouts page's Stripe Connect card: where the org's payout account stands (a badge), and the
// one thing to do next. Admins and owners act; a member sees the button disabled and why.
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { ConnectState, ConnectStatus } from "~/server/services/connect/connect-schemas";
import { useTRPC } from "~/utils/trpc";
import { primaryButton, secondaryButton } from "./button-styles";
import { ErrorState } from "./ErrorState";
import { WalletIcon } from "./icons";
import { Notice } from "./Notice";
import { LoadingRegion, Skeleton, SkeletonText } from "./Skeleton";
import { Spinner } from "./Spinner";
import { useConnectActions, type ConnectAction } from "./use-connect-actions";
import { useOrgManagement } from "./use-org-management";

const BADGE: Record<ConnectState, { label: string; className: string }> = {
  not_connected: { label: "Not connected", className: "bg-slate-100 text-slate-600 ring-slate-200" },
  onboarding_incomplete: { label: "Onboarding incomplete", className: "bg-amber-50 text-amber-800 ring-amber-200" },
  payouts_enabled: { label: "Payouts enabled", className: "bg-emerald-50 text-emerald-700 ring-emerald-200" },
};

export function ConnectStatusBadge({ state }: { state: ConnectState }) {
  const { label, className } = BADGE[state];
  return (
    <span
      data-testid="connect-status"
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${className}`}
    >
      {label}
    </span>
  );
}

function explanation(status: ConnectStatus): string {
  if (status.state === "not_connected") {
    return "Connect a Stripe account to receive your monthly revenue share. Stripe collects your business and bank details; Pack Market never sees them.";
  }
  if (status.state === "onboarding_incomplete") {
    return status.detailsSubmitted
      ? "Stripe has your details and is still verifying them. Payouts start once it enables them; until then your earnings carry forward."
      : "Stripe still needs some details before it can send you payouts. Until then your earnings carry forward to the next month.";
  }
  return "Your revenue share is paid to this account automatically on the 5th of each month. Bank details and payout history are in your Stripe dashboard.";
}

const ACTION: Record<ConnectState, { action: ConnectAction; label: string; busyLabel: string; primary: boolean }> = {
  not_connected: { action: "onboard", label: "Connect Stripe Account", busyLabel: "Opening Stripe…", primary: true },
  onboarding_incomplete: { action: "onboard", label: "Continue onboarding", busyLabel: "Opening Stripe…", primary: true },
  payouts_enabled: { action: "dashboard", label: "Open Stripe dashboard", busyLabel: "Opening dashboard…", primary: false },
};

const ROLE_NOTE_ID = "connect-role-note";

function Frame({ badge, children }: { badge?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby="connect-title" data-testid="connect-card" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex flex-wrap items-center gap-3">
        <span className="flex h-10 w-10 items-center justify-center rounded-lg bg-brand-50 text-brand-600">
          <WalletIcon className="h-5 w-5" />
        </span>
        <h2 id="connect-title" className="text-base font-semibold text-slate-900">
          Payout account
        </h2>
        {badge}
      </div>
      {children}
    </section>
  );
}

function ConnectSkeleton() {
  return (
    <LoadingRegion label="Loading your payout account">
      <Frame badge={<Skeleton className="h-5 w-28 rounded-full" />}>
        <SkeletonText className="mt-4 max-w-xl" lines={2} />
        <Skeleton className="mt-5 h-9 w-48 rounded-lg" />
      </Frame>
    </LoadingRegion>
  );
}

export function ConnectStatusCard() {
  const trpc = useTRPC();
  const status = useQuery(trpc.connect.status.queryOptions());
  const management = useOrgManagement();
  const actions = useConnectActions();

  if (status.isPending) return <ConnectSkeleton />;
  if (status.isError) {
    return (
      <ErrorState
        title="We couldn't load your payout account"
        message="Your Stripe Connect status could not be loaded. Check your connection and try again."
        onRetry={() => void status.refetch()}
        retrying={status.isFetching}
      />
    );
  }
  const data = status.data;
  const next = ACTION[data.state];
  const busy = actions.busy === next.action;
  const notAllowed = !management.canManage;
  return (
    <Frame badge={<ConnectStatusBadge state={data.state} />}>
      <p className="mt-3 max-w-2xl text-sm text-slate-600">{explanation(data)}</p>
      {data.accountId && (
        <p className="mt-2 text-xs text-slate-500">
          Stripe account <code className="rounded bg-slate-100 px-1 py-0.5 font-mono">{data.accountId}</code>
        </p>
      )}
      {actions.error && (
        <Notice tone="error" className="mt-4" testId="connect-error">
          {actions.error.message || "We couldn't reach Stripe. Try again in a moment."}
        </Notice>
      )}
      <div className="mt-5 flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => actions.go(next.action)}
          disabled={actions.busy !== null || notAllowed}
          aria-describedby={notAllowed ? ROLE_NOTE_ID : undefined}
          aria-busy={busy || undefined}
          className={`${next.primary ? primaryButton : secondaryButton} ${busy ? "disabled:cursor-wait" : ""}`}
        >
          {busy && <Spinner />}
          {busy ? next.busyLabel : next.label}
        </button>
        {notAllowed && (
          <p id={ROLE_NOTE_ID} data-testid={ROLE_NOTE_ID} className="text-xs text-slate-500">
            Only admins and owners of {management.orgName} can manage payouts.
          </p>
        )}
      </div>
    </Frame>
  );
}
