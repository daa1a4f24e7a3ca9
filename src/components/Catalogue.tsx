// The catalogue: search box, category filter and pack cards, shared by the public marketplace
// (/marketplace) and the in-app one (/app/marketplace). Search and category live in the URL
// (?q=&category=) so results can be shared and survive a reload; typing updates the URL after a
// short pause. The catalogue is the same for everyone (and cached); a signed-in org's subscriptions
// come from their own query and only add "Subscribed" badges.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSession } from "next-auth/react";
import { useRouter } from "next/router";
import { useCallback, useEffect, useState } from "react";
import { formatMoney } from "~/lib/money";
import { SEARCH_MAX_LENGTH, type PackCard as PackCardData } from "~/server/services/pack/pack-schemas";
import { errorCode, useTRPC } from "~/utils/trpc";
import { EmptyState } from "./EmptyState";
import { ErrorState } from "./ErrorState";
import { SearchIcon } from "./icons";
import { PackCard, PackCardSkeleton, plural } from "./PackCard";
import { LoadingRegion } from "./Skeleton";

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

export function useCatalogue() {
  const trpc = useTRPC();
  const { status } = useSession();
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
  const subscribed = useQuery({ ...trpc.subscription.subscribedPackIds.queryOptions(), enabled: status === "authenticated" });

  const clearFilters = () => {
    setText("");
    setFilters({ q: "", category: "" });
  };
  return {
    q,
    category,
    text,
    setText,
    setFilters,
    clearFilters,
    all,
    results,
    subscribedIds: new Set(subscribed.data?.packIds ?? []),
    categories: results.data?.categories ?? all.data?.categories ?? [],
  };
}

export type Catalogue = ReturnType<typeof useCatalogue>;

export function CatalogueStats({ packs, categories }: { packs: PackCardData[]; categories: string[] }) {
  const prices = packs.flatMap((p) => (p.priceFrom ? [p.priceFrom] : []));
  const cheapest = prices.reduce<(typeof prices)[number] | undefined>(
    (min, p) => (!min || (p.currency === min.currency && p.amountCents < min.amountCents) ? p : min),
    undefined,
  );
  return (
    <p>
      <span className="font-medium">{plural(packs.length, "pack")}</span>
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

export function CatalogueSearchBox({ catalogue, tone }: { catalogue: Catalogue; tone: "hero" | "plain" }) {
  const near = catalogue.text.length >= SEARCH_MAX_LENGTH;
  return (
    <form role="search" onSubmit={(e) => e.preventDefault()} className="relative">
      <SearchIcon className="pointer-events-none absolute left-4 top-1/2 h-5 w-5 -translate-y-1/2 text-slate-400" />
      <input
        type="search"
        aria-label="Search packs"
        aria-describedby={near ? "search-limit" : undefined}
        placeholder="Search packs by topic, metric or keyword"
        value={catalogue.text}
        maxLength={SEARCH_MAX_LENGTH}
        onChange={(e) => catalogue.setText(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        className={
          tone === "hero"
            ? "h-13 w-full rounded-xl border border-white/10 bg-white pl-12 pr-4 text-base text-slate-900 shadow-xl shadow-black/20 placeholder:text-slate-400 focus:outline-none focus-visible:ring-4 focus-visible:ring-brand-500/40"
            : "h-11 w-full rounded-lg border border-slate-300 bg-white pl-12 pr-4 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-4 focus:ring-brand-500/15"
        }
      />
      {near && (
        <p id="search-limit" className={`mt-2 text-xs ${tone === "hero" ? "text-slate-300" : "text-slate-500"}`}>
          Searches are limited to {SEARCH_MAX_LENGTH} characters.
        </p>
      )}
    </form>
  );
}

// What to say when the catalogue refused the query (too long, from a hand-edited URL) rather than
// failed to answer.
function refusal(error: unknown): string | null {
  if (errorCode(error) !== "invalid_request") return null;
  const data = (error as { data?: { issues?: Array<{ message: string }> } }).data;
  return data?.issues?.[0]?.message ?? (error as Error).message;
}

export function CatalogueResults({ catalogue, packHref }: { catalogue: Catalogue; packHref?: (slug: string) => string }) {
  const { results, category, q, categories, setFilters, clearFilters } = catalogue;
  const hasFilters = Boolean(q || category);
  const refused = results.isError ? refusal(results.error) : null;
  return (
    <>
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
        {results.data && !results.isError && (
          <p aria-live="polite" className="text-sm text-slate-500">
            {plural(results.data.packs.length, "pack")}
            {category && <> in {category}</>}
            {q && <> matching “{q}”</>}
          </p>
        )}
      </div>

      <div className="mt-8">
        {refused ? (
          <EmptyState
            icon={<SearchIcon className="h-6 w-6" />}
            title="We can't run that search"
            text={refused}
            action={{ label: "Clear filters", onClick: clearFilters }}
          />
        ) : results.isError && !results.data ? (
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
                <PackCard pack={pack} subscribed={catalogue.subscribedIds.has(pack.id)} href={packHref?.(pack.slug)} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
