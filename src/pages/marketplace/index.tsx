// The public catalogue (see components/Catalogue.tsx): the hero with the search box, then the
// category filter and the packs.
import { CatalogueResults, CatalogueSearchBox, CatalogueStats, useCatalogue } from "~/components/Catalogue";
import { MarketplaceHero } from "~/components/MarketplaceHero";
import { PublicLayout } from "~/components/PublicLayout";

export default function MarketplacePage() {
  const catalogue = useCatalogue();
  const { all } = catalogue;
  return (
    <PublicLayout title="Marketplace">
      <MarketplaceHero
        stats={
          all.data ? (
            <div className="[&_span]:text-white">
              <CatalogueStats packs={all.data.packs} categories={all.data.categories} />
            </div>
          ) : all.isPending ? (
            <span aria-hidden="true" className="inline-block h-4 w-72 animate-pulse rounded bg-white/10" />
          ) : null
        }
      >
        <CatalogueSearchBox catalogue={catalogue} tone="hero" />
      </MarketplaceHero>

      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <CatalogueResults catalogue={catalogue} />
      </div>
    </PublicLayout>
  );
}
