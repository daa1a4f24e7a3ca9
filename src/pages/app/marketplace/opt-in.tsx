// Opt-in: the seller's marketplace switch, which product contributes to which pack (with an
// earnings estimate before it does), and the org's products.
import { useQuery } from "@tanstack/react-query";
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { getServerSession } from "next-auth";
import { useId } from "react";
import { AppShell } from "~/components/AppShell";
import { EmptyState } from "~/components/EmptyState";
import { ErrorState } from "~/components/ErrorState";
import { BoxIcon } from "~/components/icons";
import { OptInSkeleton, OptInTable } from "~/components/OptInTable";
import { ProductDialog, ProductsSection, useProductDialog } from "~/components/ProductsManager";
import { useOrgManagement } from "~/components/use-org-management";
import { authOptions } from "~/server/auth";
import { useTRPC } from "~/utils/trpc";

type Props = { session: Session };

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res }) => {
  const session = (await getServerSession(req, res, authOptions())) as Session | null;
  if (!session) {
    return { redirect: { destination: `/auth/signin?callbackUrl=${encodeURIComponent("/app/marketplace/opt-in")}`, permanent: false } };
  }
  // Round-trip through JSON: next-auth may leave undefined fields, which props cannot carry.
  return { props: { session: JSON.parse(JSON.stringify(session)) as Session } };
};

export default function OptInPage() {
  const trpc = useTRPC();
  const state = useQuery(trpc.optIn.get.queryOptions());
  const management = useOrgManagement();
  const dialog = useProductDialog();
  const noteId = useId();
  const reasonId = management.canManage ? undefined : noteId;
  const data = state.data;

  return (
    <AppShell title="Opt-in">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 flex-1 basis-80">
          <h1 className="text-3xl font-semibold tracking-tight text-slate-900">Opt-in</h1>
          <p className="mt-2 text-sm text-slate-500">
            Choose which of your products contribute their sessions to which packs. Each month, a pack&apos;s revenue share is split
            between its contributors by the sessions they contributed.
          </p>
        </div>
        {reasonId && (
          <p id={reasonId} data-testid="opt-in-role-note" className="max-w-xs text-right text-xs text-slate-500">
            Only admins and owners of {management.orgName} can change what contributes.
          </p>
        )}
      </div>

      <div className="mt-8">
        {state.isPending ? (
          <OptInSkeleton />
        ) : state.isError ? (
          <ErrorState
            title="We couldn't load your opt-in settings"
            message="Your settings could not be loaded. Check your connection and try again."
            onRetry={() => void state.refetch()}
            retrying={state.isFetching}
          />
        ) : data && data.products.length === 0 ? (
          <EmptyState
            icon={<BoxIcon className="h-6 w-6" />}
            title="No products yet"
            text={
              management.canManage
                ? "Add the apps or services whose sessions you want to contribute; then opt each one into packs here."
                : `Admins and owners of ${management.orgName ?? "your org"} can add products.`
            }
            action={management.canManage ? { label: "Add a product", onClick: dialog.openCreate } : undefined}
          />
        ) : data && data.packs.length === 0 ? (
          <EmptyState title="No packs are open for contributions" text="When a pack opens, it appears here for each of your products." />
        ) : data ? (
          <OptInTable state={data} reasonId={reasonId} />
        ) : null}
      </div>

      {data && data.products.length > 0 && (
        <div className="mt-12">
          <ProductsSection dialog={dialog} />
        </div>
      )}
      <ProductDialog dialog={dialog} />
    </AppShell>
  );
}
