import Link from "next/link";
import { cx } from "@/components/ui/cx";

/** The mark: four arrows converging on a point — resources mustering where they are needed. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cx("size-8 shrink-0", className)}>
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <g fill="white">
        <path d="M16 5.5 19 10h-6l3-4.5Z" />
        <path d="M16 26.5 13 22h6l-3 4.5Z" />
        <path d="M5.5 16 10 13v6l-4.5-3Z" />
        <path d="M26.5 16 22 19v-6l4.5 3Z" />
        <circle cx="16" cy="16" r="3.5" />
      </g>
    </svg>
  );
}

/** Logo + wordmark "Muster 应急资源交换" (tagline localised), linking home. */
export function Logo({ href, name, tagline, homeLabel }: { href: string; name: string; tagline: string; homeLabel: string }) {
  return (
    <Link href={href} className="group flex items-center gap-2.5 rounded-md">
      <LogoMark />
      {/* The name is "homeLabel: name tagline", read from the text (not an aria-label) so it contains what is shown. */}
      <span className="sr-only">{homeLabel}: </span>
      <span className="flex items-baseline gap-2 leading-none" data-testid="brand-wordmark">
        <span className="text-lg font-bold tracking-tight text-slate-900">{name}</span>{" "}
        <span className="hidden text-sm font-medium text-slate-600 sm:inline">{tagline}</span>
      </span>
    </Link>
  );
}
