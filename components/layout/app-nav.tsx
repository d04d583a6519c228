"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";

/**
 * The signed-in primary navigation. Items arrive translated and role-filtered from the server;
 * this component only marks the current one (aria-current) from the URL.
 */
export function AppNav({ items, label }: { items: { href: string; label: string; key: string }[]; label: string }) {
  const pathname = usePathname() || "";
  return (
    <nav aria-label={label} className="-mx-1 overflow-x-auto" data-testid="app-nav">
      <ul className="flex items-center gap-1 px-1">
        {items.map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.key}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                data-testid={`nav-${item.key}`}
                className={cx(
                  "block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium transition-colors",
                  active ? "bg-brand-50 text-brand-800" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
