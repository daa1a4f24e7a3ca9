// What a buyer gets from a pack: rows available, last update, update frequency, history depth,
// the data dictionary (CSV of the row schema) and the licence. Aggregates only: never who
// contributed. The revenue share is a seller's concern and is shown to sellers only.
import type { ReactNode } from "react";
import { dataDictionaryHref } from "~/lib/data-dictionary";
import { formatCount, formatDate } from "~/lib/format";
import { PACK_LICENCE } from "~/lib/pack-terms";
import type { PackColumn } from "~/server/services/pack/pack-schemas";
import { secondaryButton } from "./button-styles";
import { plural } from "./PackCard";

export type SerializedPackFacts = { rowsAvailable: number; lastRowAt: string | null; firstSessionAt: string | null; updateFrequency: string };

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-3">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-right text-sm font-medium text-slate-900">{value}</dd>
    </div>
  );
}

export function PackFactsList({
  facts,
  contributorsCount,
  columnsCount,
  revenueShareBps,
  sells,
}: {
  facts: SerializedPackFacts;
  contributorsCount: number;
  columnsCount: number;
  revenueShareBps: number;
  // The viewer's org has products: it could contribute, so the revenue share matters to it.
  sells: boolean;
}) {
  const sharePercent = `${formatCount(revenueShareBps / 100)}%`;
  return (
    <>
      <dl className="mt-4 divide-y divide-slate-100 border-t border-slate-100" data-testid="pack-facts">
        <Fact label="Rows available" value={formatCount(facts.rowsAvailable)} />
        <Fact label="Last update" value={facts.lastRowAt ? formatDate(facts.lastRowAt) : "No rows yet"} />
        <Fact label="Update frequency" value={facts.updateFrequency} />
        <Fact label="History since" value={facts.firstSessionAt ? formatDate(facts.firstSessionAt) : "—"} />
        <Fact label="Columns" value={formatCount(columnsCount)} />
        <Fact label="Contributors" value={plural(contributorsCount, "contributing org")} />
        {sells && <Fact label="Revenue share" value={sharePercent} />}
      </dl>
      {sells && (
        <p className="mt-4 rounded-lg bg-emerald-50 px-3 py-2.5 text-sm text-emerald-800" data-testid="revenue-share-note">
          {sharePercent} of this pack&apos;s revenue goes to contributors, split by the sessions each one contributed.
        </p>
      )}
    </>
  );
}

export function PackDictionaryAndLicence({ slug, columns }: { slug: string; columns: PackColumn[] }) {
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Data dictionary</h3>
          <p className="mt-1 text-sm text-slate-500">Every column with its type and meaning, as CSV.</p>
        </div>
        <a href={dataDictionaryHref(columns)} download={`${slug}-data-dictionary.csv`} className={secondaryButton}>
          Download data dictionary (CSV)
        </a>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h3 className="text-sm font-semibold text-slate-900">{PACK_LICENCE.name}</h3>
        <p className="mt-1 text-sm text-slate-600">{PACK_LICENCE.summary}</p>
        <ul className="mt-3 list-disc space-y-1.5 pl-5 text-sm text-slate-600">
          {PACK_LICENCE.terms.map((term) => (
            <li key={term}>{term}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
