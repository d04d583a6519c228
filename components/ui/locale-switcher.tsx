"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTransition, type MouseEvent } from "react";
import { LOCALE_COOKIE, localeNames, locales, type Locale } from "@/lib/i18n/config";
import { localizePath } from "@/lib/i18n/negotiate";
import { useLocale, useT } from "@/lib/i18n/client";
import { cx } from "@/components/ui/cx";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Short labels for the segmented control; the full names follow them as screen-reader text. */
const SHORT: Record<Locale, string> = { "zh-CN": "中文", en: "EN" };

/** Remembered for a year; the proxy uses it to pick the language of locale-less URLs. */
function rememberLocale(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
}

/**
 * Segmented control "中文 | EN". Each option is a real link to the same page in that locale (works
 * without JavaScript); with JavaScript it also remembers the choice in the NEXT_LOCALE cookie, which the
 * proxy reads for locale-less URLs.
 */
export function LocaleSwitcher({ className }: { className?: string }) {
  const current = useLocale();
  const t = useT("common");
  const pathname = usePathname() || "/";
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(event: MouseEvent<HTMLAnchorElement>, locale: Locale) {
    rememberLocale(locale);
    if (locale === current) {
      event.preventDefault();
      return;
    }
    // Modifier clicks (new tab) keep the browser's behaviour.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    const target = localizePath(pathname, locale) + window.location.search + window.location.hash;
    startTransition(() => router.push(target));
  }

  return (
    <nav aria-label={t("locale.label")} className={cx("inline-flex shrink-0", className)} data-testid="locale-switcher">
      <ul className="inline-flex items-center rounded-lg border border-slate-200 bg-white p-0.5 text-xs font-medium shadow-sm">
        {locales.map((locale) => {
          const active = locale === current;
          return (
            <li key={locale}>
              <a
                href={localizePath(pathname, locale)}
                hrefLang={locale}
                lang={locale}
                aria-current={active ? "true" : undefined}
                onClick={(e) => choose(e, locale)}
                data-testid={`locale-${locale}`}
                className={cx(
                  "block whitespace-nowrap rounded-md px-2.5 py-1 transition-colors",
                  active ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                  pending && !active && "opacity-60",
                )}
              >
                {/* The short label stays the start of the accessible name (said by voice-control users), the full one follows. */}
                {SHORT[locale]}
                <span className="sr-only"> ({active ? localeNames[locale] : t("locale.switchTo", { language: localeNames[locale] })})</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
