// Where Stripe Checkout returns a buyer. The subscription is created by the webhook, which may land
// a moment after the redirect, so this page polls until the pack is ours.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { getServerSession } from "next-auth";
import Link from "next/link";
import { useRouter } from "next/router";
import { useEffect, useState, type ReactNode } from "react";
import { ApiDocsLink } from "~/components/ApiDocsLink";
import { AppShell } from "~/components/AppShell";
import { primaryButton, secondaryButton } from "~/components/button-styles";
import { ErrorState } from "~/components/ErrorState";
import { AlertIcon, CheckIcon } from "~/components/icons";
import { Spinner } from "~/components/Spinner";
import { authOptions } from "~/server/auth";
import { errorCode, useTRPC } from "~/utils/trpc";

type Props = { session: Session; sessionId: string | null };

const MY_PACKS = "/app/marketplace/my-packs";
const POLL_MS = 1_000;
const GIVE_UP_MS = 60_000;
const REDIRECT_MS = 2_000;

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, query, resolvedUrl }) => {
  const session = (await getServerSession(req, res, authOptions())) as Session | null;
  if (!session) {
    return { redirect: { destination: `/auth/signin?callbackUrl=${encodeURIComponent(resolvedUrl)}`, permanent: false } };
  }
  const raw = query.session_id;
  const sessionId = typeof raw === "string" && raw.trim() !== "" ? raw.trim() : null;
  // Round-trip through JSON: next-auth may leave undefined fields, which props cannot carry.
  return { props: { session: JSON.parse(JSON.stringify(session)) as Session, sessionId } };
};

type Tone = "progress" | "success" | "problem";

function StatusCard({ tone, title, children }: { tone: Tone; title: string; children?: ReactNode }) {
  const icon =
    tone === "progress" ? (
      <span className="flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-600">
        <Spinner className="h-6 w-6" />
      </span>
    ) : tone === "success" ? (
      <span className="flex h-12 w-12 items-center justify-center rounded-full bg-emerald-50 text-emerald-600">
        <CheckIcon className="h-6 w-6" />
      </span>
    ) : (
      <span className="flex h-12 w-12 items-center justify-center rounded-full bg-red-50 text-red-600">
        <AlertIcon className="h-6 w-6" />
      </span>
    );
  return (
    <div
      role={tone === "problem" ? "alert" : "status"}
      aria-live={tone === "problem" ? undefined : "polite"}
      aria-busy={tone === "progress" || undefined}
      data-testid={`checkout-${tone}`}
      className={`mx-auto flex max-w-lg flex-col items-center rounded-xl border bg-white px-6 py-12 text-center shadow-sm ${
        tone === "problem" ? "border-red-200" : "border-slate-200"
      }`}
    >
      {icon}
      <h1 className="mt-5 text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {children}
    </div>
  );
}

function Problem({ title, text }: { title: string; text: string }) {
  return (
    <StatusCard tone="problem" title={title}>
      <p className="mt-2 max-w-sm text-sm text-slate-600">{text}</p>
      <Link href="/marketplace" className={`mt-6 ${secondaryButton}`}>
        Back to the marketplace
      </Link>
    </StatusCard>
  );
}

function Subscribed({ title }: { title: string }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setTimeout(() => void router.replace(MY_PACKS), REDIRECT_MS);
    return () => clearTimeout(timer);
  }, [router]);
  return (
    <StatusCard tone="success" title={`You're subscribed to ${title}`}>
      <p className="mt-2 text-sm text-slate-600">Taking you to My Packs…</p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Link href={MY_PACKS} className={primaryButton}>
          Go to My Packs
        </Link>
        <ApiDocsLink />
      </div>
    </StatusCard>
  );
}

function CheckoutStatus({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [timedOut, setTimedOut] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setTimedOut(true), GIVE_UP_MS);
    return () => clearTimeout(timer);
  }, [sessionId]);

  const status = useQuery(
    trpc.subscription.checkoutStatus.queryOptions(
      { sessionId },
      {
        staleTime: 0,
        refetchInterval: (query) => (!timedOut && query.state.data?.state === "pending" ? POLL_MS : false),
        // An unknown session will stay unknown; anything else may be a blip worth one more try.
        retry: (count, error) => errorCode(error) !== "not_found" && count < 2,
      },
    ),
  );

  const complete = status.data?.state === "complete";
  useEffect(() => {
    if (complete) void queryClient.invalidateQueries({ queryKey: trpc.subscription.myPacks.queryKey() });
  }, [complete, queryClient, trpc]);

  if (status.data?.state === "complete") return <Subscribed title={status.data.pack?.title ?? "your pack"} />;
  if (status.data?.state === "expired") {
    return <Problem title="This checkout expired" text="The checkout session ended before payment, so you were not charged. Pick a tier again to subscribe." />;
  }
  if (status.isError && !status.data) {
    if (errorCode(status.error) === "not_found") {
      return <Problem title="We couldn't find that checkout" text="It may belong to another organization, or the link is incomplete." />;
    }
    return (
      <ErrorState
        title="We couldn't check your subscription"
        message="The status of your checkout could not be loaded. If you paid, your pack will still appear in My Packs."
        onRetry={() => void status.refetch()}
        retrying={status.isFetching}
      />
    );
  }
  if (timedOut) {
    return (
      <StatusCard tone="progress" title="Still confirming your subscription">
        <p className="mt-2 max-w-sm text-sm text-slate-600">
          This is taking longer than usual — your subscription will appear in My Packs shortly.
        </p>
        <Link href={MY_PACKS} className={`mt-6 ${primaryButton}`}>
          Go to My Packs
        </Link>
      </StatusCard>
    );
  }
  return (
    <StatusCard tone="progress" title="Confirming your subscription…">
      <p className="mt-2 max-w-sm text-sm text-slate-600">We are setting up your access to the pack; this usually takes a few seconds.</p>
    </StatusCard>
  );
}

export default function CheckoutSuccessPage({ sessionId }: Props) {
  return (
    <AppShell title="Checkout">
      <div className="py-6 sm:py-12">
        {sessionId ? (
          <CheckoutStatus sessionId={sessionId} />
        ) : (
          <Problem title="We couldn't find that checkout" text="This page needs the checkout session Stripe sends you back with." />
        )}
      </div>
    </AppShell>
  );
}
