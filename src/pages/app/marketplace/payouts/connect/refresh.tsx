// Stripe's refresh_url: the onboarding link expired or was already used. A new one is made and the
// browser goes straight back to Stripe, as Stripe expects of this URL.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { AppShell } from "~/components/AppShell";
import { secondaryButton } from "~/components/button-styles";
import { ConnectReturnCard } from "~/components/ConnectReturnCard";
import { ErrorState } from "~/components/ErrorState";
import { connectReturnProps } from "~/server/http/connect-return-props";
import { PAYOUTS_PATH } from "~/server/services/connect/connect-urls";
import { errorCode, useTRPC } from "~/utils/trpc";

export const getServerSideProps = connectReturnProps;

function Refresh() {
  const trpc = useTRPC();
  const link = useMutation(
    trpc.connect.link.mutationOptions({ onSuccess: ({ url }) => window.location.replace(url) }),
  );
  // One link per visit, even when React runs effects twice in development.
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    link.mutate();
  }, [link]);

  if (link.isError) {
    const code = errorCode(link.error);
    if (code === "forbidden" || code === "not_found") {
      return (
        <ConnectReturnCard tone="problem" title="We couldn't continue onboarding">
          <p className="mt-2 max-w-sm text-sm text-slate-600">{link.error.message}</p>
          <Link href={PAYOUTS_PATH} className={`mt-6 ${secondaryButton}`}>
            Back to payouts
          </Link>
        </ConnectReturnCard>
      );
    }
    return (
      <ErrorState
        title="We couldn't make a new onboarding link"
        message="Stripe could not be reached. Your progress is saved at Stripe; try again in a moment."
        onRetry={() => link.mutate()}
        retrying={link.isPending}
      />
    );
  }
  return (
    <ConnectReturnCard tone="progress" title="Your onboarding link expired">
      <p className="mt-2 max-w-sm text-sm text-slate-600">Making a new one and taking you back to Stripe…</p>
    </ConnectReturnCard>
  );
}

export default function ConnectRefreshPage() {
  return (
    <AppShell title="Stripe Connect">
      <div className="py-6 sm:py-12">
        <Refresh />
      </div>
    </AppShell>
  );
}
