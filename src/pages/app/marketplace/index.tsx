// The catalogue inside the app: the same search, filter and cards as /marketplace, in the app
// shell, so "Marketplace" in the sidebar does not drop the user out of the app.
import type { GetServerSideProps } from "next";
import type { Session } from "next-auth";
import { AppShell } from "~/components/AppShell";
import { CatalogueResults, CatalogueSearchBox, CatalogueStats, useCatalogue } from "~/components/Catalogue";
import { getSession } from "~/server/auth";

type Props = { session: Session };

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, resolvedUrl }) => {
  const session = await getSession(req);
  if (!session) return { redirect: { destination: `/auth/signin?callbackUrl=${encodeURIComponent(resolvedUrl)}`, permanent: false } };
  // Round-trip through JSON: next-auth may leave undefined fields, which props cannot carry.
  return { props: { session: JSON.parse(JSON.stringify(session)) as Session } };
};

export default function AppMarketplacePage() {
  const catalogue = useCatalogue();
  return (
    <AppShell title="Marketplace">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Marketplace</h1>
      <div className="mt-1 text-sm text-slate-500">
        {catalogue.all.data ? (
          <CatalogueStats packs={catalogue.all.data.packs} categories={catalogue.all.data.categories} />
        ) : (
          <p>Data packs from real product usage.</p>
        )}
      </div>
      <div className="mt-6 max-w-2xl">
        <CatalogueSearchBox catalogue={catalogue} tone="plain" />
      </div>
      <div className="mt-8">
        <CatalogueResults catalogue={catalogue} />
      </div>
    </AppShell>
  );
}
