// The frame of public pages (marketplace, pack pages, API docs, sign-in): top bar, content, footer.
import Head from "next/head";
import Link from "next/link";
import { useRouter } from "next/router";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { signOut, useSession } from "next-auth/react";
import { LogoMark, MenuIcon } from "./icons";
import { Skeleton } from "./Skeleton";

const NAV = [
  { label: "Marketplace", href: "/marketplace", match: "/marketplace" },
  { label: "API docs", href: "/docs/api", match: "/docs" },
] as const;

export function Wordmark({ href = "/marketplace" }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 rounded-md focus-visible:outline-2 focus-visible:outline-brand-500">
      <LogoMark className="h-7 w-7 text-brand-600" />
      <span className="whitespace-nowrap text-[15px] font-semibold tracking-tight text-slate-900">Pack Market</span>
    </Link>
  );
}

// Where "Sign in" should bring the user back to. Static pages only know their path before the
// router is ready, so the query is added once it is (keeps server and client markup equal).
function useSignInHref(): string {
  const router = useRouter();
  if (router.pathname.startsWith("/auth") || router.pathname === "/404") return "/auth/signin";
  const back = router.isReady ? router.asPath : router.pathname;
  return `/auth/signin?callbackUrl=${encodeURIComponent(back)}`;
}

function AccountArea() {
  const { data: session, status } = useSession();
  const signInHref = useSignInHref();
  if (status === "loading") return <Skeleton className="h-8 w-40" />;
  if (!session) {
    return (
      <Link
        href={signInHref}
        className="whitespace-nowrap rounded-lg bg-slate-900 px-3.5 py-1.5 text-sm font-medium text-white shadow-sm transition hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
      >
        Sign in
      </Link>
    );
  }
  return (
    <div className="flex shrink-0 items-center gap-2 sm:gap-3">
      <span className="hidden max-w-[14rem] truncate text-sm text-slate-600 md:inline" title={session.user.email}>
        {session.user.email}
      </span>
      <Link
        href="/app"
        className="whitespace-nowrap rounded-lg bg-brand-600 px-3.5 py-1.5 text-sm font-medium text-white shadow-sm transition hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
      >
        Open app
      </Link>
      <button
        type="button"
        onClick={() => void signOut({ callbackUrl: "/marketplace" })}
        className="whitespace-nowrap rounded-lg px-2 py-1.5 text-sm font-medium text-slate-600 transition hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500"
      >
        Sign out
      </button>
    </div>
  );
}

// Below the `sm` breakpoint the top bar has no room for the links and the account: a menu button
// opens them in a panel under the bar. Escape or a link closes it.
function MobileMenu() {
  const router = useRouter();
  const { data: session, status } = useSession();
  const signInHref = useSignInHref();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const close = () => setOpen(false);
    router.events.on("routeChangeStart", close);
    return () => router.events.off("routeChangeStart", close);
  }, [router.events]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const item = "block rounded-md px-3 py-2.5 text-base font-medium";
  return (
    <div className="sm:hidden">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className="rounded-md p-2 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500"
      >
        <MenuIcon className="h-5 w-5" />
        <span className="sr-only">{open ? "Close menu" : "Open menu"}</span>
      </button>
      <div id={panelId} hidden={!open} className="absolute inset-x-0 top-16 border-b border-slate-200 bg-white px-4 pb-4 pt-2 shadow-lg">
        <nav aria-label="Main (mobile)">
          <ul className="space-y-1">
            {NAV.map((link) => {
              const active = router.pathname.startsWith(link.match);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={active ? "page" : undefined}
                    className={`${item} ${active ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:bg-slate-50 hover:text-slate-900"}`}
                  >
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="mt-3 border-t border-slate-200 pt-3">
          {status === "loading" ? null : session ? (
            <>
              <p className="truncate px-3 pb-2 text-sm text-slate-500" title={session.user.email}>
                {session.user.email}
              </p>
              <Link href="/app" className={`${item} text-brand-700 hover:bg-brand-50`}>
                Open app
              </Link>
              <button
                type="button"
                onClick={() => void signOut({ callbackUrl: "/marketplace" })}
                className={`${item} w-full text-left text-slate-600 hover:bg-slate-50`}
              >
                Sign out
              </button>
            </>
          ) : (
            <Link href={signInHref} className={`${item} text-slate-900 hover:bg-slate-50`}>
              Sign in
            </Link>
          )}
        </div>
      </div>
    </div>
  );
}

export function PublicLayout({ title, children }: { title?: string; children: ReactNode }) {
  const router = useRouter();
  const pageTitle = title ? `${title} · Pack Market` : "Pack Market";
  return (
    <>
      <Head>
        <title>{pageTitle}</title>
      </Head>
      <div className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-40 border-b border-slate-200/80 bg-white/85 backdrop-blur supports-[backdrop-filter]:bg-white/70">
          <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
            <div className="flex min-w-0 items-center gap-8">
              <Wordmark />
              <nav aria-label="Main" className="hidden items-center gap-1 sm:flex">
                {NAV.map((item) => {
                  const active = router.pathname.startsWith(item.match);
                  return (
                    <Link
                      key={item.href}
                      href={item.href}
                      aria-current={active ? "page" : undefined}
                      className={`rounded-md px-3 py-1.5 text-sm font-medium transition focus-visible:outline-2 focus-visible:outline-brand-500 ${
                        active ? "text-slate-900" : "text-slate-500 hover:text-slate-900"
                      }`}
                    >
                      {item.label}
                    </Link>
                  );
                })}
              </nav>
            </div>
            <div className="hidden sm:block">
              <AccountArea />
            </div>
            <MobileMenu />
          </div>
        </header>
        <main id="main" className="flex-1">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-8 text-sm text-slate-500 sm:flex-row sm:items-center sm:justify-between sm:px-6">
            <p>© Pack Market. Aggregated data; contributor identities are never shared with buyers.</p>
            <nav aria-label="Footer" className="flex gap-5">
              <Link href="/marketplace" className="hover:text-slate-900">
                Marketplace
              </Link>
              <Link href="/docs/api" className="hover:text-slate-900">
                API docs
              </Link>
            </nav>
          </div>
        </footer>
      </div>
    </>
  );
}
