// The signed-in frame: a sidebar with the org switcher, Buy and Sell navigation and the account.
import Head from "next/head";
import Link from "next/link";
import { useRouter } from "next/router";
import { useState, type ReactNode } from "react";
import { signOut, useSession } from "next-auth/react";
import { APP_NAV, SoonBadge, type AppNavItem } from "./app-nav";
import { MenuIcon } from "./icons";
import { OrgSwitcher } from "./OrgSwitcher";
import { Wordmark } from "./PublicLayout";

function NavItem({ item, active }: { item: AppNavItem; active: boolean }) {
  const Icon = item.icon;
  const base = "group flex items-center gap-3 rounded-md px-2.5 py-2 text-sm font-medium";
  if (!item.available) {
    return (
      <span className={`${base} cursor-default text-slate-400`} aria-disabled="true">
        <Icon className="h-4.5 w-4.5 shrink-0" />
        <span className="flex-1">{item.label}</span>
        <SoonBadge />
      </span>
    );
  }
  return (
    <Link
      href={item.href}
      aria-current={active ? "page" : undefined}
      className={`${base} transition focus-visible:outline-2 focus-visible:outline-brand-500 ${
        active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      }`}
    >
      <Icon className={`h-4.5 w-4.5 shrink-0 ${active ? "text-brand-600" : "text-slate-400 group-hover:text-slate-600"}`} />
      <span className="flex-1">{item.label}</span>
    </Link>
  );
}

// The entry the page belongs to: the longest href that is the path or a folder of it, so My Packs
// (/app/marketplace/my-packs) is not also "Marketplace" (/app/marketplace).
function activeHref(pathname: string): string | undefined {
  return APP_NAV.flatMap((s) => s.items)
    .map((i) => i.href)
    .filter((href) => pathname === href || pathname.startsWith(`${href}/`))
    .sort((a, b) => b.length - a.length)[0];
}

function Sidebar() {
  const router = useRouter();
  const { data: session } = useSession();
  const current = activeHref(router.pathname);
  return (
    <div className="flex h-full flex-col gap-6 px-4 py-5">
      <div className="hidden px-1 lg:block">
        <Wordmark href="/app" />
      </div>
      <OrgSwitcher />
      <nav aria-label="App" className="flex-1 space-y-6">
        {APP_NAV.map((section) => (
          <div key={section.id}>
            <h2 className="px-2.5 text-xs font-semibold uppercase tracking-wider text-slate-400">{section.label}</h2>
            <ul className="mt-2 space-y-0.5">
              {section.items.map((item) => (
                <li key={item.href}>
                  <NavItem item={item} active={item.href === current} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="border-t border-slate-200 pt-4">
        <p className="truncate px-1 text-sm font-medium text-slate-700" title={session?.user.email}>
          {session?.user.email ?? "\u00a0"}
        </p>
        <button
          type="button"
          onClick={() => void signOut({ callbackUrl: "/marketplace" })}
          className="mt-1 px-1 text-sm text-slate-500 transition hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500"
        >
          Sign out
        </button>
      </div>
    </div>
  );
}

export function AppShell({ title, children }: { title?: string; children: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const pageTitle = title ? `${title} · Pack Market` : "Pack Market";
  return (
    <>
      <Head>
        <title>{pageTitle}</title>
      </Head>
      <div className="min-h-screen lg:flex">
        <div className="sticky top-0 z-30 flex h-14 items-center justify-between border-b border-slate-200 bg-white px-4 lg:hidden">
          <Wordmark href="/app" />
          <button
            type="button"
            aria-expanded={menuOpen}
            aria-controls="app-sidebar"
            onClick={() => setMenuOpen((v) => !v)}
            className="rounded-md p-2 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500"
          >
            <MenuIcon className="h-5 w-5" />
            <span className="sr-only">{menuOpen ? "Close menu" : "Open menu"}</span>
          </button>
        </div>
        <aside
          id="app-sidebar"
          className={`${menuOpen ? "block" : "hidden"} border-b border-slate-200 bg-white lg:sticky lg:top-0 lg:block lg:h-screen lg:w-72 lg:shrink-0 lg:overflow-y-auto lg:border-b-0 lg:border-r`}
        >
          <Sidebar />
        </aside>
        <main id="main" className="min-w-0 flex-1">
          <div className="mx-auto max-w-5xl px-4 py-8 sm:px-8 lg:py-10">{children}</div>
        </main>
      </div>
    </>
  );
}
