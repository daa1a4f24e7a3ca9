// Payouts: where the org's revenue share goes (Stripe Connect) and, below, its monthly statements.
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { getServerSession } from "next-auth";
import { AppShell } from "~/components/AppShell";
import { ConnectStatusCard } from "~/components/ConnectStatusCard";
import { EmptyState } from "~/components/EmptyState";
import { authOptions } from "~/server/auth";

type Props = { session: Session };

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res }) => {
  const session = (await getServerSession(req, res, authOptions())) as Session | null;
  if (!session) {
    return { redirect: { destination: `/auth/signin?callbackUrl=${encodeURIComponent("/app/marketplace/payouts")}`, permanent: false } };
  }
  // Round-trip through JSON: next-auth may leave undefined fields, which props cannot carry.
  return { props: { session: JSON.parse(JSON.stringify(session)) as Session } };
};

// ---- Statements --------------------------------------------------------------------------------
// The org's monthly statements go here (issue 10). Placeholder until then; the Connect card above
// lives in its own component so this section can change without touching it.
function Statements() {
  return (
    <section aria-labelledby="statements-title" data-testid="statements">
      <h2 id="statements-title" className="text-lg font-semibold text-slate-900">
        Statements
      </h2>
      <p className="mt-1 text-sm text-slate-500">Your revenue share per month: what each pack earned you, and what was paid.</p>
      <EmptyState
        className="mt-4"
        title="No statements yet"
        text="Each month's statement appears here once your products contribute sessions to packs with paying subscribers."
      />
    </section>
  );
}

export default function PayoutsPage() {
  return (
    <AppShell title="Payouts">
      <h1 className="text-3xl font-semibold tracking-tight text-slate-900">Payouts</h1>
      <p className="mt-2 text-sm text-slate-500">
        Your share of each pack&apos;s revenue is paid monthly to your connected Stripe account.
      </p>
      <div className="mt-8">
        <ConnectStatusCard />
      </div>
      <div className="mt-12 border-t border-slate-200 pt-10">
        <Statements />
      </div>
    </AppShell>
  );
}
