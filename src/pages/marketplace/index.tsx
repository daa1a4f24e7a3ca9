// The public catalogue. Search and category live in the URL (?q=&category=) so results can be
// shared and survive a reload; typing updates the URL after a short pause.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/router";
import { useCallback, useEffect, useState } from "react";
import { EmptyState } from "~/components/EmptyState";
import { ErrorState } from "~/components/ErrorState";
import { SearchIcon } from "~/components/icons";
import { MarketplaceHero } from "~/components/MarketplaceHero";
import { PackCard, PackCardSkeleton, plural } from "~/components/PackCard";
import { PublicLayout } from "~/components/PublicLayout";
import { LoadingRegion } from "~/components/Skeleton";
import { formatMoney } from "~/lib/money";
import type { PackCard as PackCardData } from "~/server/services/pack/pack-schemas";
import { useTRPC } from "~/utils/trpc";

const SEARCH_DEBOUNCE_MS = 250;

function queryParam(value: string | string[] | undefined): string {
  return typeof value === "string" ? value : "";
}

function useFilters() {
  const router = useRouter();
  const q = queryParam(router.query.q);
  const category = queryParam(router.query.category);

  const setFilters = useCallback(
    (patch: { q?: string; category?: string }) => {
      const next = { q, category, ...patch };
      const query: Record<string, string> = {};
      if (next.q) query.q = next.q;
      if (next.category) query.category = next.category;
      void router.replace({ pathname: router.pathname, query }, undefined, { shallow: true, scroll: false });
    },
    [router, q, category],
  );

  return { ready: router.isReady, q, category, setFilters };
}

function CatalogueStats({ packs, categories }: { packs: PackCardData[]; categories: string[] }) {
  const prices = packs.flatMap((p) => (p.priceFrom ? [p.priceFrom] : []));
  const cheapest = prices.reduce<(typeof prices)[number] | undefined>(
    (min, p) => (!min || (p.currency === min.currency && p.amountCents < min.amountCents) ? p : min),
    undefined,
  );
  return (
    <p>
      <span className="font-medium text-white">{plural(packs.length, "pack")}</span>
      {" · "}
      {plural(categories.length, "category", "categories")}
      {cheapest && (
        <>
          {" · "}plans from {formatMoney(cheapest.amountCents, cheapest.currency, { compact: true })}/mo
        </>
      )}
    </p>
  );
}

export default function MarketplacePage() {
  const trpc = useTRPC();
  const { ready, q, category, setFilters } = useFilters();

  // The box shows what the user types; the URL (and the query) follow it after a pause. When the
  // URL changes from elsewhere (back button, "Clear filters"), the box follows the URL.
  const [text, setText] = useState(q);
  const [syncedQ, setSyncedQ] = useState(q);
  if (q !== syncedQ) {
    setSyncedQ(q);
    setText((current) => (current.trim() === q ? current : q));
  }

  useEffect(() => {
    if (!ready || text.trim() === q) return;
    const timer = setTimeout(() => setFilters({ q: text.trim() }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, q, ready, setFilters]);

  const all = useQuery(trpc.pack.list.queryOptions({}));
  const results = useQuery({
    ...trpc.pack.list.queryOptions({ search: q || undefined, category: category || undefined }),
    enabled: ready,
    placeholderData: keepPreviousData,
  });

  const categories = results.data?.categories ?? all.data?.categories ?? [];
  const hasFilters = Boolean(q || category);
  const clearFilters = () => {
    setText("");
    setFilters({ q: "", category: "" });
  };

  return (
    <PublicLayout title="Marketplace">
      <MarketplaceHero
        stats={
          all.data ? (
            <CatalogueStats packs={all.data.packs} categories={all.data.categories} />
          ) : all.isPending ? (
            <span aria-hidden="true" className="inline-block h-4 w-72 animate-pulse rounded bg-white/10" />
          ) : null
        }
      >
        <form role="search" onSubmit={(e) => e.preventDefault()} className="relative">
          <SearchIcon className="pointer-events-none absolute left-4 top-1/2 h-5 w-5 -translate-y-1/2 text-slate-400" />
          <input
            type="search"
            aria-label="Search packs"
            placeholder="Search packs by topic, metric or keyword"
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            className="h-13 w-full rounded-xl border border-white/10 bg-white pl-12 pr-4 text-base text-slate-900 shadow-xl shadow-black/20 placeholder:text-slate-400 focus:outline-none focus-visible:ring-4 focus-visible:ring-brand-500/40"
          />
        </form>
      </MarketplaceHero>

      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
          <div role="group" aria-label="Filter by category" className="flex flex-wrap gap-2">
            {["", ...categories].map((c) => {
              const selected = c === category;
              return (
                <button
                  key={c || "all"}
                  type="button"
                  aria-pressed={selected}
                  onClick={() => setFilters({ category: selected ? "" : c })}
                  className={`rounded-full px-3.5 py-1.5 text-sm font-medium transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 ${
                    selected
                      ? "bg-slate-900 text-white shadow-sm"
                      : "bg-white text-slate-600 ring-1 ring-slate-200 ring-inset hover:text-slate-900 hover:ring-slate-300"
                  }`}
                >
                  {c || "All packs"}
                </button>
              );
            })}
          </div>
          {results.data && (
            <p aria-live="polite" className="text-sm text-slate-500">
              {plural(results.data.packs.length, "pack")}
              {category && <> in {category}</>}
              {q && <> matching “{q}”</>}
            </p>
          )}
        </div>

        <div className="mt-8">
          {results.isError && !results.data ? (
            <ErrorState
              title="We couldn't load the marketplace"
              message="The catalogue didn't respond. This is usually temporary."
              onRetry={() => void results.refetch()}
              retrying={results.isFetching}
            />
          ) : !results.data ? (
            <LoadingRegion label="Loading packs" className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
              {Array.from({ length: 6 }, (_, i) => (
                <PackCardSkeleton key={i} />
              ))}
            </LoadingRegion>
          ) : results.data.packs.length === 0 ? (
            <EmptyState
              icon={<SearchIcon className="h-6 w-6" />}
              title="No packs match"
              text={hasFilters ? "Try a different search or category." : "No packs are listed yet. Check back soon."}
              action={hasFilters ? { label: "Clear filters", onClick: clearFilters } : undefined}
            />
          ) : (
            <ul
              className={`grid gap-6 transition-opacity sm:grid-cols-2 lg:grid-cols-3 ${results.isPlaceholderData ? "opacity-60" : ""}`}
              aria-busy={results.isFetching}
            >
              {results.data.packs.map((pack) => (
                <li key={pack.id}>
                  <PackCard pack={pack} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </PublicLayout>
  );
}
