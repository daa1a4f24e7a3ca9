// A pack's public page, rendered statically so it is fast, indexable and a real 404 when the slug
// is unknown. The page is the same for every visitor: what depends on the visitor (signed in, their
// subscription, whether their org sells) is read in the browser. Next keeps each rendered page in
// the page cache (src/server/cache/page-cache-handler.mjs) until the catalogue changes (a price,
// tier or opt-in: invalidateCatalogue()), in every app process; the pack facts (rows, last update)
// are rendered again at most every minute.
import type { GetStaticPaths, GetStaticProps } from "next";
import { useQuery } from "@tanstack/react-query";
import { useSession } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/router";
import { useState, type ReactNode } from "react";
import { ChevronRightIcon, ColumnsIcon, UsersIcon } from "~/components/icons";
import { CategoryBadge, plural } from "~/components/PackCard";
import { RowSchemaTable, SampleRowsTable } from "~/components/PackDataTables";
import { Notice } from "~/components/Notice";
import { PriceFrom } from "~/components/PriceFrom";
import { PackPricing } from "~/components/PackPricing";
import { PackDictionaryAndLicence, PackFactsList, type SerializedPackFacts } from "~/components/PackWhatYouGet";
import { updateFrequency } from "~/lib/pack-terms";
import { getPackFacts } from "~/server/services/pack/get-pack-facts";
import { PublicLayout } from "~/components/PublicLayout";
import { formatDate } from "~/lib/format";
import { getDb } from "~/server/db";
import { AppError } from "~/server/errors";
import { readPack } from "~/server/services/pack/cached-catalogue";
import { ZGetPackInput, type PackDetail } from "~/server/services/pack/pack-schemas";
import { useTRPC } from "~/utils/trpc";

type SerializedPack = Omit<PackDetail, "updatedAt"> & { updatedAt: string };
type Props = { pack: SerializedPack; facts: SerializedPackFacts };

// How old the pack facts (rows available, last update) may get: rows arrive all the time, and
// no invalidation follows them. Catalogue changes do not wait for this (see the page cache).
const FACTS_MAX_AGE_S = 60;

// No page is rendered at build time (the build has no database): each is rendered at its first
// request, then served from the page cache.
export const getStaticPaths: GetStaticPaths = () => ({ paths: [], fallback: "blocking" });

export const getStaticProps: GetStaticProps<Props, { slug: string }> = async ({ params }) => {
  const input = ZGetPackInput.safeParse({ slug: params?.slug });
  if (!input.success) return { notFound: true, revalidate: FACTS_MAX_AGE_S };
  let pack: PackDetail;
  try {
    pack = await readPack(getDb(), input.data);
  } catch (error) {
    if (error instanceof AppError && error.appCode === "not_found") return { notFound: true, revalidate: FACTS_MAX_AGE_S };
    throw error;
  }
  // Slugs ignore case: another spelling is the same pack, at its one canonical address (308).
  if (pack.slug !== input.data.slug) {
    return { redirect: { destination: `/marketplace/packs/${encodeURIComponent(pack.slug)}`, permanent: true }, revalidate: FACTS_MAX_AGE_S };
  }
  const facts = await getPackFacts(getDb(), { packId: pack.id });
  return {
    props: {
      pack: { ...pack, updatedAt: pack.updatedAt.toISOString() },
      facts: {
        rowsAvailable: facts.rowsAvailable,
        lastRowAt: facts.lastRowAt?.toISOString() ?? null,
        firstSessionAt: facts.firstSessionAt?.toISOString() ?? null,
        updateFrequency: updateFrequency(pack.slug),
      },
    },
    revalidate: FACTS_MAX_AGE_S,
  };
};

function Section({ id, title, subtitle, children }: { id: string; title: string; subtitle?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="scroll-mt-24">
      <h2 id={`${id}-title`} className="text-lg font-semibold tracking-tight text-slate-900">
        {title}
      </h2>
      {subtitle && <p className="mt-1 text-sm text-slate-500">{subtitle}</p>}
      <div className="mt-4">{children}</div>
    </section>
  );
}

// Below its privacy threshold a pack has no rows to sell yet: no subscribe buttons, just why.
function CollectingContributors({ className = "" }: { className?: string }) {
  return (
    <div className={`rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900 ${className}`} data-testid="collecting-contributors">
      <p className="font-semibold">Collecting contributors</p>
      <p className="mt-1 text-amber-800">
        This pack opens once enough organizations contribute to it, so that no row can be traced to one of them. Subscriptions start then.
      </p>
    </div>
  );
}

// Stripe sends a buyer who backs out of Checkout here with ?checkout=canceled.
function CheckoutCanceledNotice({ here }: { here: string }) {
  const router = useRouter();
  const [dismissed, setDismissed] = useState(false);
  if (router.query.checkout !== "canceled" || dismissed) return null;
  function dismiss() {
    setDismissed(true);
    void router.replace(here, undefined, { shallow: true, scroll: false });
  }
  return (
    <div className="mx-auto max-w-6xl px-4 pt-6 sm:px-6">
      <Notice tone="neutral" onDismiss={dismiss} testId="checkout-canceled">
        Checkout canceled — you were not charged.
      </Notice>
    </div>
  );
}

export default function PackPage({ pack, facts }: Props) {
  const { status } = useSession();
  const signedIn = status === "authenticated";
  // Only sellers (their active org has products) see the revenue share; a visitor without an org
  // (or whose read fails) is shown what a buyer sees.
  const trpc = useTRPC();
  const products = useQuery({ ...trpc.product.list.queryOptions(), enabled: signedIn, retry: false });
  const sells = signedIn && (products.data?.products.length ?? 0) > 0;
  const here = `/marketplace/packs/${encodeURIComponent(pack.slug)}`;
  // Back to the tiers after signing in.
  const signInHref = `/auth/signin?callbackUrl=${encodeURIComponent(`${here}#pricing`)}`;
  const paragraphs = pack.description.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

  return (
    <PublicLayout title={pack.title}>
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 pb-10 pt-8 sm:px-6">
          <nav aria-label="Breadcrumb">
            <ol className="flex items-center gap-1.5 text-sm text-slate-500">
              <li>
                <Link href="/marketplace" className="hover:text-slate-900">
                  Marketplace
                </Link>
              </li>
              <li aria-hidden="true">
                <ChevronRightIcon className="h-3.5 w-3.5" />
              </li>
              <li aria-current="page" className="truncate font-medium text-slate-700">
                {pack.title}
              </li>
            </ol>
          </nav>
          <div className="mt-6">
            <CategoryBadge category={pack.category} />
          </div>
          <h1 className="mt-3 max-w-3xl text-3xl font-semibold tracking-tight text-slate-900 sm:text-4xl">{pack.title}</h1>
          <p className="mt-3 max-w-3xl text-lg leading-8 text-slate-600">{pack.summary}</p>
          <ul className="mt-6 flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-600">
            <li className="inline-flex items-center gap-1.5">
              <UsersIcon className="h-4 w-4 text-slate-400" />
              {plural(pack.contributorsCount, "contributing org")}
            </li>
            <li className="inline-flex items-center gap-1.5">
              <ColumnsIcon className="h-4 w-4 text-slate-400" />
              {plural(pack.columnsCount, "column")}
            </li>
            <li>Updated {formatDate(facts.lastRowAt ?? pack.updatedAt)}</li>
          </ul>
        </div>
      </div>

      <CheckoutCanceledNotice here={here} />

      <div className="mx-auto grid max-w-6xl gap-10 px-4 py-10 sm:px-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-12 lg:col-span-2">
          <Section id="about" title="About this pack">
            <div className="space-y-4 text-[15px] leading-7 text-slate-700">
              {paragraphs.map((p, i) => (
                <p key={i}>{p}</p>
              ))}
            </div>
          </Section>
          <Section id="schema" title="Row schema" subtitle="Every row you read through the API or a snapshot has these columns.">
            <RowSchemaTable columns={pack.rowSchema} />
          </Section>
          <Section id="samples" title="Sample rows" subtitle="A few real rows, so you can judge the shape and values before subscribing.">
            <SampleRowsTable columns={pack.rowSchema} rows={pack.sampleRows} />
          </Section>
          <Section id="terms" title="Data dictionary and licence" subtitle="What the columns mean, and what you may do with the rows.">
            <PackDictionaryAndLicence slug={pack.slug} columns={pack.rowSchema} />
          </Section>
        </div>

        <aside aria-label="Pack summary" className="lg:sticky lg:top-24 lg:self-start">
          <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <PriceFrom price={pack.priceFrom} size="large" />
            <PackFactsList
              facts={facts}
              contributorsCount={pack.contributorsCount}
              columnsCount={pack.columnsCount}
              revenueShareBps={pack.revenueShareBps}
              sells={sells}
            />
            {pack.available ? (
              <a
                href="#pricing"
                className="mt-5 flex w-full items-center justify-center rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
              >
                See pricing
              </a>
            ) : (
              <CollectingContributors className="mt-5" />
            )}
          </div>
        </aside>
      </div>

      <div className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6">
          <Section id="pricing" title="Pricing" subtitle="Monthly subscriptions. Quotas reset at the start of each billing period.">
            {pack.available ? (
              <PackPricing pack={pack} signedIn={signedIn} signInHref={signInHref} here={here} />
            ) : (
              <CollectingContributors />
            )}
          </Section>
        </div>
      </div>
    </PublicLayout>
  );
}
