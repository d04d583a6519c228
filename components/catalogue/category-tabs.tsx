import Link from "next/link";
import { cx } from "@/components/ui/cx";

/** Category filter as links (works without JavaScript; the URL is shareable). */
export function CategoryTabs({
  items,
  label,
}: {
  items: { key: string; label: string; href: string; active: boolean }[];
  label: string;
}) {
  return (
    <nav aria-label={label} className="-mx-1 overflow-x-auto" data-testid="catalogue-categories">
      <ul className="flex gap-1 px-1">
        {items.map((i) => (
          <li key={i.key}>
            <Link
              href={i.href}
              aria-current={i.active ? "page" : undefined}
              data-testid={`catalogue-category-${i.key}`}
              className={cx(
                "block whitespace-nowrap rounded-full px-3 py-1.5 text-sm font-medium ring-1 ring-inset transition-colors",
                i.active ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-700 ring-slate-200 hover:bg-slate-50",
              )}
            >
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
