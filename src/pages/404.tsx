import Link from "next/link";
import { PublicLayout } from "~/components/PublicLayout";

export default function NotFoundPage() {
  return (
    <PublicLayout title="Page not found">
      <div className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center sm:py-32">
        <p className="rounded-full bg-brand-50 px-3 py-1 font-mono text-sm font-medium text-brand-700 ring-1 ring-brand-100 ring-inset">
          404
        </p>
        <h1 className="mt-6 text-3xl font-semibold tracking-tight text-slate-900 sm:text-4xl">We couldn&apos;t find that page</h1>
        <p className="mt-4 text-base leading-7 text-slate-600">
          The link may be out of date, or the pack may no longer be listed. Everything that is listed is in the
          marketplace.
        </p>
        <div className="mt-10 flex items-center gap-4">
          <Link
            href="/marketplace"
            className="rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
          >
            Browse the marketplace
          </Link>
          <Link href="/docs/api" className="text-sm font-semibold text-slate-700 hover:text-slate-900">
            API docs <span aria-hidden="true">→</span>
          </Link>
        </div>
      </div>
    </PublicLayout>
  );
}
