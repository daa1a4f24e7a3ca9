import type { ReactNode } from "react";

// The marketplace's opening band: dark, with a faint grid and two soft brand-coloured glows.
export function MarketplaceHero({ stats, children }: { stats: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby="hero-title" className="relative isolate overflow-hidden bg-slate-950">
      <svg aria-hidden="true" className="absolute inset-0 -z-10 h-full w-full stroke-white/[0.06]">
        <defs>
          <pattern id="hero-grid" width="48" height="48" patternUnits="userSpaceOnUse">
            <path d="M48 0H0v48" fill="none" />
          </pattern>
        </defs>
        <rect width="100%" height="100%" fill="url(#hero-grid)" />
      </svg>
      <div aria-hidden="true" className="absolute -top-40 left-1/2 -z-10 h-[28rem] w-[48rem] -translate-x-1/2 rounded-full bg-brand-600/30 blur-3xl" />
      <div aria-hidden="true" className="absolute -bottom-48 right-0 -z-10 h-80 w-[32rem] rounded-full bg-fuchsia-500/10 blur-3xl" />
      <div className="mx-auto max-w-6xl px-4 pb-14 pt-16 sm:px-6 sm:pt-20">
        <p className="inline-flex items-center gap-2 rounded-full border border-white/10 bg-white/5 px-3 py-1 text-xs font-medium text-brand-100">
          <span className="h-1.5 w-1.5 rounded-full bg-emerald-400" aria-hidden="true" />
          Aggregated · privacy-preserving · revenue shared with contributors
        </p>
        <h1 id="hero-title" className="mt-6 max-w-4xl text-4xl font-semibold tracking-tight text-white sm:text-5xl">
          Data packs from real product usage
        </h1>
        <p className="mt-5 max-w-2xl text-base leading-7 text-slate-300 sm:text-lg">
          Subscribe to curated datasets built from the usage sessions of opted-in products. Read rows through a simple
          API, and the orgs who contribute the data share in the revenue every month.
        </p>
        <div className="mt-4 text-sm text-slate-400">{stats}</div>
        <div className="mt-8 max-w-2xl">{children}</div>
      </div>
    </section>
  );
}
