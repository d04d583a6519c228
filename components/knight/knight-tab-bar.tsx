"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";

export type KnightTab = { key: "home" | "history" | "standing" | "profile"; href: string; label: string };

const ICONS: Record<KnightTab["key"], string> = {
  home: "M10 2.5a7.5 7.5 0 1 0 0 15 7.5 7.5 0 0 0 0-15ZM10 6a1 1 0 0 1 1 1v2.59l1.7 1.7a1 1 0 0 1-1.4 1.42l-2-2A1 1 0 0 1 9 10V7a1 1 0 0 1 1-1Z",
  history: "M4 4.75A1.75 1.75 0 0 1 5.75 3h8.5A1.75 1.75 0 0 1 16 4.75v10.5A1.75 1.75 0 0 1 14.25 17h-8.5A1.75 1.75 0 0 1 4 15.25V4.75ZM7 7a.75.75 0 0 0 0 1.5h6A.75.75 0 0 0 13 7H7Zm0 3a.75.75 0 0 0 0 1.5h6a.75.75 0 0 0 0-1.5H7Zm0 3a.75.75 0 0 0 0 1.5h3a.75.75 0 0 0 0-1.5H7Z",
  standing: "M6 3h8v3a4 4 0 0 1-3.25 3.93V12h2.5a.75.75 0 0 1 .75.75V16H6v-3.25a.75.75 0 0 1 .75-.75h2.5V9.93A4 4 0 0 1 6 6V3Zm-1.5 1H2.75v1.5a3 3 0 0 0 2.1 2.86A5.5 5.5 0 0 1 4.5 6V4Zm11 0v2a5.5 5.5 0 0 1-.35 2.36 3 3 0 0 0 2.1-2.86V4H15.5Z",
  profile: "M10 9a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm-6.5 7.25C3.5 13.35 6.41 11 10 11s6.5 2.35 6.5 5.25a.75.75 0 0 1-.75.75H4.25a.75.75 0 0 1-.75-.75Z",
};

/**
 * The knight app's bottom tab bar on phones (thumb reach; the header navigation stays for larger screens).
 * The active tab is marked with aria-current; the home tab is active only on /knight and its task pages.
 */
export function KnightTabBar({ tabs, label }: { tabs: KnightTab[]; label: string }) {
  const pathname = usePathname() || "";
  const isActive = (tab: KnightTab) =>
    tab.key === "home" ? pathname === tab.href || pathname.startsWith(`${tab.href}/tasks`) : pathname === tab.href || pathname.startsWith(`${tab.href}/`);
  return (
    <nav
      aria-label={label}
      data-testid="knight-tab-bar"
      className="fixed inset-x-0 bottom-0 z-40 border-t border-slate-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden"
    >
      <ul className="mx-auto grid max-w-md grid-cols-4">
        {tabs.map((tab) => {
          const active = isActive(tab);
          return (
            <li key={tab.key}>
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                data-testid={`knight-tab-${tab.key}`}
                className={cx(
                  "flex min-h-14 flex-col items-center justify-center gap-0.5 px-1 text-xs font-medium",
                  active ? "text-brand-700" : "text-slate-600 hover:text-slate-900",
                )}
              >
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-6">
                  <path fillRule="evenodd" clipRule="evenodd" d={ICONS[tab.key]} />
                </svg>
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
