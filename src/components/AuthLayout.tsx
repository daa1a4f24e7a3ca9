// A quiet, centred frame for the sign-in pages: the wordmark, one card, a way back.
import Head from "next/head";
import Link from "next/link";
import type { ReactNode } from "react";
import { Wordmark } from "./PublicLayout";

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <Head>
        <title>{`${title} · Pack Market`}</title>
      </Head>
      <div className="relative isolate flex min-h-screen flex-col items-center px-4 py-12 sm:py-20">
        <div aria-hidden="true" className="absolute inset-x-0 top-0 -z-10 h-72 bg-linear-to-b from-brand-50 to-transparent" />
        <Wordmark />
        <main id="main" className="mt-10 w-full max-w-md">
          {children}
        </main>
        <p className="mt-8 text-sm text-slate-500">
          <Link href="/marketplace" className="font-medium text-slate-700 hover:text-slate-900">
            <span aria-hidden="true">←</span> Back to the marketplace
          </Link>
        </p>
      </div>
    </>
  );
}
