// Picks the org the app acts for. The choice lives in the `pm_org` cookie, which the server reads
// on every request; after switching, cached queries and server-rendered props are refetched.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/router";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { ACTIVE_ORG_COOKIE } from "~/lib/active-org";
import { errorCode, useTRPC } from "~/utils/trpc";
import { CheckIcon, ChevronDownIcon } from "./icons";
import { Skeleton } from "./Skeleton";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

function setActiveOrgCookie(orgId: string) {
  document.cookie = `${ACTIVE_ORG_COOKIE}=${encodeURIComponent(orgId)}; path=/; max-age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
}

function clearActiveOrgCookie() {
  document.cookie = `${ACTIVE_ORG_COOKIE}=; path=/; max-age=0; SameSite=Lax`;
}

const ROLE_LABEL = { owner: "Owner", admin: "Admin", member: "Member" } as const;

function OrgAvatar({ name }: { name: string }) {
  return (
    <span
      aria-hidden="true"
      className="flex h-8 w-8 shrink-0 items-center justify-center rounded-lg bg-linear-to-br from-brand-500 to-brand-700 text-sm font-semibold text-white"
    >
      {name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}

export function OrgSwitcher() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const mine = useQuery(trpc.org.mine.queryOptions());
  const active = useQuery(trpc.org.active.queryOptions());
  const [open, setOpen] = useState(false);
  const [switching, setSwitching] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    const menu = menuRef.current;
    (menu?.querySelector<HTMLElement>("[aria-checked='true']") ?? menu?.querySelector<HTMLElement>("[role='menuitemradio']"))?.focus();
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  async function choose(orgId: string) {
    setOpen(false);
    if (orgId === active.data?.id) return;
    setSwitching(true);
    setActiveOrgCookie(orgId);
    try {
      await queryClient.invalidateQueries();
      await router.replace(router.asPath, undefined, { scroll: false });
    } finally {
      setSwitching(false);
    }
  }

  function onMenuKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    const items = Array.from(menuRef.current?.querySelectorAll<HTMLElement>("[role='menuitemradio']") ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") {
      setOpen(false);
      rootRef.current?.querySelector<HTMLElement>("button")?.focus();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = (index + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    }
  }

  // The server never falls back from an org the cookie names to another one: when the remembered org
  // is gone (the user left it), forget it here, visibly, and act for the user's first org.
  const staleCookie = errorCode(active.error) === "not_found" && mine.data !== undefined && mine.data.length > 0;
  useEffect(() => {
    if (!staleCookie) return;
    clearActiveOrgCookie();
    void queryClient.invalidateQueries().then(() => router.replace(router.asPath, undefined, { scroll: false }));
  }, [staleCookie, queryClient, router]);

  if (active.isPending || staleCookie) return <Skeleton className="h-12 w-full rounded-lg" />;
  if (active.isError) {
    return (
      <div className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-700">
        Couldn&apos;t load your organization.{" "}
        <button type="button" className="font-medium underline" onClick={() => void active.refetch()}>
          Retry
        </button>
      </div>
    );
  }

  const current = active.data;
  return (
    <div ref={rootRef} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Active organization: ${current.name}. Switch organization`}
        onClick={() => setOpen((v) => !v)}
        disabled={switching}
        className="flex w-full items-center gap-3 rounded-lg border border-slate-200 bg-white px-2.5 py-2 text-left shadow-sm transition hover:border-slate-300 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-60"
      >
        <OrgAvatar name={current.name} />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-semibold text-slate-900" title={current.name}>
            {current.name}
          </span>
          <span className="block text-xs text-slate-500">{switching ? "Switching…" : ROLE_LABEL[current.role]}</span>
        </span>
        <ChevronDownIcon className={`h-4 w-4 text-slate-400 transition ${open ? "rotate-180" : ""}`} />
      </button>
      {open && (
        <ul
          id={menuId}
          ref={menuRef}
          role="menu"
          aria-label="Organizations"
          onKeyDown={onMenuKeyDown}
          // As wide as the (scrolling) sidebar allows; long names wrap to two lines, in full on hover.
          className="absolute left-0 right-0 top-full z-30 mt-2 max-h-80 overflow-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
        >
          {mine.isPending && <li className="px-3 py-2 text-sm text-slate-500">Loading…</li>}
          {mine.isError && <li className="px-3 py-2 text-sm text-red-700">Couldn&apos;t load your organizations.</li>}
          {mine.data?.map((org) => {
            const selected = org.id === current.id;
            return (
              <li key={org.id} role="none">
                <button
                  type="button"
                  role="menuitemradio"
                  aria-checked={selected}
                  onClick={() => void choose(org.id)}
                  className="flex w-full items-center gap-3 rounded-md px-2 py-2 text-left hover:bg-slate-50 focus:bg-slate-50 focus:outline-none"
                >
                  <OrgAvatar name={org.name} />
                  <span className="min-w-0 flex-1">
                    <span className="line-clamp-2 break-words text-sm font-medium text-slate-900" title={org.name}>
                      {org.name}
                    </span>
                    <span className="block text-xs text-slate-500">{ROLE_LABEL[org.role]}</span>
                  </span>
                  {selected && <CheckIcon className="h-4 w-4 text-brand-600" />}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
