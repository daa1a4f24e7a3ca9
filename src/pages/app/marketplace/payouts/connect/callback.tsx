// Where Stripe's onboarding sends the seller back. Coming back proves nothing (Stripe returns users
// whether or not they finished), so the page asks the server, which asks Stripe and records the
// answer: payouts enabled, or what is still missing and a way to continue.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/router";
import { useEffect } from "react";
import { AppShell } from "~/components/AppShell";
import { primaryButton, secondaryButton } from "~/components/button-styles";
import { ConnectReturnCard } from "~/components/ConnectReturnCard";
import { ErrorState } from "~/components/ErrorState";
import { Notice } from "~/components/Notice";
import { Spinner } from "~/components/Spinner";
import { useConnectActions } from "~/components/use-connect-actions";
import { connectReturnProps } from "~/server/http/connect-return-props";
import { PAYOUTS_PATH } from "~/server/services/connect/connect-urls";
import type { ConnectCallback } from "~/server/services/connect/connect-schemas";
import { errorCode, useTRPC } from "~/utils/trpc";

export const getServerSideProps = connectReturnProps;

const REDIRECT_MS = 3_000;

const backToPayouts = (
  <Link href={PAYOUTS_PATH} className={secondaryButton}>
    Back to payouts
  </Link>
);

function Enabled() {
  const router = useRouter();
  useEffect(() => {
    const timer = setTimeout(() => void router.replace(PAYOUTS_PATH), REDIRECT_MS);
    return () => clearTimeout(timer);
  }, [router]);
  return (
    <ConnectReturnCard tone="success" title="Your Stripe account is connected">
      <p className="mt-2 max-w-sm text-sm text-slate-600">
        Payouts are enabled: your revenue share will be paid to this account on the 5th of each month. Taking you back to payouts…
      </p>
      <Link href={PAYOUTS_PATH} className={`mt-6 ${primaryButton}`}>
        Go to payouts
      </Link>
    </ConnectReturnCard>
  );
}

function Incomplete({ result }: { result: ConnectCallback }) {
  const actions = useConnectActions();
  const due = result.requirementsDue.length;
  const text = result.detailsSubmitted
    ? "Stripe has your details and is still verifying them; payouts start once it enables them. You can check or change what you entered."
    : `Stripe still needs ${due > 0 ? `${due} ${due === 1 ? "detail" : "details"}` : "some details"} from you before it can send payouts. Until then your earnings carry forward to the next month.`;
  return (
    <ConnectReturnCard tone="incomplete" title="Onboarding isn't finished yet">
      <p className="mt-2 max-w-sm text-sm text-slate-600">{text}</p>
      {actions.error && (
        <Notice tone="error" className="mt-4 text-left" testId="connect-error">
          {actions.error.message || "We couldn't reach Stripe. Try again in a moment."}
        </Notice>
      )}
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <button type="button" className={primaryButton} onClick={() => actions.go("onboard")} disabled={actions.busy !== null}>
          {actions.busy && <Spinner />}
          {actions.busy ? "Opening Stripe…" : "Continue onboarding"}
        </button>
        {backToPayouts}
      </div>
    </ConnectReturnCard>
  );
}

function Problem({ title, text }: { title: string; text: string }) {
  return (
    <ConnectReturnCard tone="problem" title={title}>
      <p className="mt-2 max-w-sm text-sm text-slate-600">{text}</p>
      <div className="mt-6">{backToPayouts}</div>
    </ConnectReturnCard>
  );
}

function CallbackStatus() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const result = useQuery(
    trpc.connect.callback.queryOptions(undefined, {
      staleTime: 0,
      refetchOnWindowFocus: false,
      retry: (count, error) => !["forbidden", "not_found"].includes(errorCode(error) ?? "") && count < 2,
    }),
  );
  const data = result.data;
  useEffect(() => {
    if (data) void queryClient.invalidateQueries({ queryKey: trpc.connect.status.queryKey() });
  }, [data, queryClient, trpc]);

  if (result.isPending) {
    return (
      <ConnectReturnCard tone="progress" title="Checking your Stripe account…">
        <p className="mt-2 max-w-sm text-sm text-slate-600">We are asking Stripe whether your account can receive payouts.</p>
      </ConnectReturnCard>
    );
  }
  if (result.isError) {
    const code = errorCode(result.error);
    if (code === "forbidden") return <Problem title="Only admins and owners can connect payouts" text={result.error.message} />;
    if (code === "not_found") return <Problem title="We couldn't find that organization" text="You may have left it, or the link is incomplete." />;
    return (
      <ErrorState
        title="We couldn't check your Stripe account"
        message="Stripe could not be reached. Your onboarding is saved at Stripe; try again in a moment."
        onRetry={() => void result.refetch()}
        retrying={result.isFetching}
      />
    );
  }
  if (result.data.state === "payouts_enabled") return <Enabled />;
  if (result.data.state === "onboarding_incomplete") return <Incomplete result={result.data} />;
  return <Problem title="No Stripe account is connected" text="Start from the payouts page with “Connect Stripe Account”." />;
}

export default function ConnectCallbackPage() {
  return (
    <AppShell title="Stripe Connect">
      <div className="py-6 sm:py-12">
        <CallbackStatus />
      </div>
    </AppShell>
  );
}
