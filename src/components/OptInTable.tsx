// The opt-in controls: the global marketplace switch and a packs × products table of toggles. Each
// toggle applies at once (optimistically), saves, and says so in a toast; a failed save puts that
// toggle back as it was and says why. Cells that are off show an earnings estimate.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { formatMoney } from "~/lib/money";
import { formatCount, formatDate } from "~/lib/format";
import type { EarningsEstimate, OptInState, SetOptInInput } from "~/server/services/opt-in/opt-in-schemas";
import { useTRPC } from "~/utils/trpc";
import { Notice } from "./Notice";
import { LoadingRegion, Skeleton } from "./Skeleton";
import { Switch } from "./Switch";

type Change = { kind: "switch"; enabled: boolean } | { kind: "cell"; productId: string; packId: string; enabled: boolean };

function apply(state: OptInState, change: Change): OptInState {
  if (change.kind === "switch") return { ...state, marketplaceOptIn: change.enabled };
  return {
    ...state,
    cells: state.cells.map((c) => (c.productId === change.productId && c.packId === change.packId ? { ...c, enabled: change.enabled } : c)),
  };
}

function toInput(change: Change): SetOptInInput {
  if (change.kind === "switch") return { marketplaceOptIn: change.enabled };
  return { changes: [{ productId: change.productId, packId: change.packId, enabled: change.enabled }] };
}

function changeOf(input: SetOptInInput): Change {
  const cell = input.changes?.[0];
  if (cell) return { kind: "cell", ...cell };
  return { kind: "switch", enabled: input.marketplaceOptIn ?? false };
}

function describe(state: OptInState | undefined, change: Change): string {
  if (change.kind === "switch") return change.enabled ? "Marketplace participation is on" : "Marketplace participation is off";
  const product = state?.products.find((p) => p.id === change.productId)?.name ?? "The product";
  const pack = state?.packs.find((p) => p.id === change.packId)?.title ?? "the pack";
  return change.enabled ? `${product} now contributes to ${pack}` : `${product} no longer contributes to ${pack}`;
}

// One save per click, applied at once; the query is refreshed once no save is left in flight.
export function useOptInChange() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.optIn.get.queryKey();
  const mutationKey = trpc.optIn.set.mutationKey();
  const mutation = useMutation(
    trpc.optIn.set.mutationOptions({
      onMutate: async (input) => {
        await queryClient.cancelQueries({ queryKey });
        queryClient.setQueryData(queryKey, (old) => (old ? apply(old, changeOf(input)) : old));
      },
      onSuccess: (_data, input) => {
        toast.success(describe(queryClient.getQueryData(queryKey), changeOf(input)));
      },
      onError: (error, input) => {
        // Only this toggle goes back: other saves in flight keep their own state.
        const change = changeOf(input);
        queryClient.setQueryData(queryKey, (old) => (old ? apply(old, { ...change, enabled: !change.enabled }) : old));
        toast.error(`Couldn't save: ${error.message.replace(/[.!]?$/, ".")} The toggle was switched back.`);
      },
      onSettled: async () => {
        if (queryClient.isMutating({ mutationKey }) <= 1) await queryClient.invalidateQueries({ queryKey });
      },
    }),
  );
  return (change: Change) => mutation.mutate(toInput(change));
}

function EstimateNote({ estimate }: { estimate: EarningsEstimate }) {
  const basis =
    `Estimate: ${formatCount(estimate.productSessions)} sessions of this product in the last ${estimate.windowDays} days against ` +
    `${formatCount(estimate.packSessions)} of the pack's other contributors and ${formatMoney(estimate.grossCents, estimate.currency)} ` +
    `of pack revenue (pool ${formatMoney(estimate.poolCents, estimate.currency)}). Not a promise: your statement is what you are paid.`;
  if (estimate.productSessions === 0) {
    return <span className="text-xs text-slate-400" title={basis}>No recent sessions to estimate from</span>;
  }
  return (
    <span className="text-xs text-slate-500" title={basis} data-testid="earnings-estimate">
      Est. <span className="font-medium text-slate-700">{formatMoney(estimate.amountCents, estimate.currency)}</span> / 30 days
    </span>
  );
}

export function OptInTable({ state, reasonId }: { state: OptInState; reasonId?: string }) {
  const change = useOptInChange();
  const disabled = reasonId !== undefined;
  const cell = (productId: string, packId: string) => state.cells.find((c) => c.productId === productId && c.packId === packId);

  return (
    <div className="space-y-6">
      <section aria-labelledby="switch-title" className="flex flex-wrap items-center gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <div className="min-w-0 flex-1 basis-72">
          <h2 id="switch-title" className="font-semibold text-slate-900">
            Marketplace participation
          </h2>
          <p className="mt-1 text-sm text-slate-500">
            {state.marketplaceOptIn
              ? `On${state.marketplaceOptInSince ? ` since ${formatDate(state.marketplaceOptInSince)}` : ""}: your products contribute to the packs switched on below.`
              : "Off: none of your products contributes to any pack, whatever the toggles below say."}
          </p>
        </div>
        <Switch
          checked={state.marketplaceOptIn}
          label="Marketplace participation"
          disabled={disabled}
          describedBy={reasonId}
          testId="marketplace-switch"
          onChange={(enabled) => change({ kind: "switch", enabled })}
        />
      </section>

      {!state.marketplaceOptIn && (
        <Notice tone="warning" testId="switch-off-notice">
          Marketplace participation is off, so no session counts toward a pack. Switch it on to start contributing.
        </Notice>
      )}

      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="opt-in-table">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-4 py-2.5 text-start text-xs font-semibold uppercase tracking-wide text-slate-500">
                  Pack
                </th>
                {state.products.map((product) => (
                  <th key={product.id} scope="col" className="min-w-44 px-4 py-2.5 text-start text-xs font-semibold text-slate-700">
                    {product.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {state.packs.map((pack) => (
                <tr key={pack.id} data-testid="opt-in-row" data-pack={pack.slug}>
                  <th scope="row" className="px-4 py-3 text-start align-top font-normal">
                    <span className="block font-medium text-slate-900">{pack.title}</span>
                    <span className="text-xs text-slate-500">
                      {pack.category} · {pack.revenueShareBps / 100}% revenue share
                    </span>
                  </th>
                  {state.products.map((product) => {
                    const c = cell(product.id, pack.id);
                    if (!c) return <td key={product.id} />;
                    const label = `${product.name} in ${pack.title}`;
                    return (
                      <td key={product.id} className="px-4 py-3 align-top" data-testid="opt-in-cell">
                        <div className="flex flex-col items-start gap-1.5">
                          <Switch
                            size="sm"
                            checked={c.enabled}
                            label={label}
                            disabled={disabled}
                            describedBy={reasonId}
                            onChange={(enabled) => change({ kind: "cell", productId: product.id, packId: pack.id, enabled })}
                          />
                          {c.enabled ? (
                            <span className="text-xs text-emerald-700">{c.enabledSince ? `On since ${formatDate(c.enabledSince)}` : "On"}</span>
                          ) : c.estimate ? (
                            <EstimateNote estimate={c.estimate} />
                          ) : null}
                        </div>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <p className="text-xs text-slate-500">
        Estimates are what a product would have earned from a pack over the last 30 days, from its recent sessions, the pack&apos;s
        revenue and its other contributors&apos; sessions. Each change applies from the moment it is saved: sessions before an
        opt-out still count.
      </p>
    </div>
  );
}

export function OptInSkeleton() {
  return (
    <LoadingRegion label="Loading your opt-in settings" className="space-y-6">
      <div className="flex items-center gap-4 rounded-xl border border-slate-200 bg-white p-5">
        <div className="flex-1 space-y-2">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-3.5 w-2/3" />
        </div>
        <Skeleton className="h-6 w-11 rounded-full" />
      </div>
      <div className="rounded-xl border border-slate-200 bg-white">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="flex items-center gap-8 border-b border-slate-100 px-4 py-4 last:border-0">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-5 w-9 rounded-full" />
            <Skeleton className="h-5 w-9 rounded-full" />
            <Skeleton className="hidden h-5 w-9 rounded-full sm:block" />
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}
