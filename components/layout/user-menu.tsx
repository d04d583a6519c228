"use client";

import Link from "next/link";
import { useCallback, useId, useRef, useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { localeHref, paths } from "@/components/layout/routes";
import { useSignOut } from "@/components/layout/sign-out-button";
import { cx } from "@/components/ui/cx";
import { useDismiss } from "@/components/ui/use-dismiss";

function initials(name: string | null, email: string | null): string {
  const source = (name || email || "?").trim();
  // Chinese names: the last one or two characters are what people are called by; Latin: first letters.
  if (/[\u4e00-\u9fff]/.test(source)) return source.slice(-2);
  const parts = source.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}

/**
 * Account disclosure: who is signed in, their roles, API keys and sign-out (the top bar also
 * has a one-tap SignOutButton).
 */
export function UserMenu({
  name,
  email,
  roles,
  showApiKeys = false,
}: {
  name: string | null;
  email: string | null;
  roles: string[];
  /** Organisation API keys (whoever holds "apiKey.manage"; the page and procedures check again). */
  showApiKeys?: boolean;
}) {
  const t = useT("common");
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const { pending: signingOut, signOut } = useSignOut();
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, rootRef, buttonRef);

  const display = name || email || "";
  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        data-testid="user-menu-button"
        className="flex items-center gap-2 rounded-full py-1 pl-1 pr-2 text-sm text-slate-700 hover:bg-slate-100"
      >
        <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-full bg-slate-900 text-xs font-semibold text-white">
          {initials(name, email)}
        </span>
        {/* Named by its text, not an aria-label, so the name shown (wide screens) is part of the accessible name. */}
        <span className="sr-only">{t("userMenu.label")} </span>
        <span className="hidden max-w-40 truncate font-medium md:inline">{display}</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={cx("size-4 text-slate-500 transition-transform", open && "rotate-180")}>
          <path fillRule="evenodd" d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z" clipRule="evenodd" />
        </svg>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-40 mt-2 w-72 rounded-xl border border-slate-200 bg-white p-2 shadow-[var(--shadow-raised)]"
        data-testid="user-menu"
      >
        <div className="px-3 py-2">
          <p className="text-xs text-slate-500">{t("userMenu.signedInAs")}</p>
          {name ? <p className="truncate text-sm font-semibold text-slate-900">{name}</p> : null}
          {email ? <p className="truncate text-sm text-slate-600">{email}</p> : null}
          {roles.length > 0 ? (
            <p className="mt-2 flex flex-wrap gap-1" aria-label={t("userMenu.roles")}>
              {roles.map((r) => (
                <span key={r} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                  {t(`roles.${r}`)}
                </span>
              ))}
            </p>
          ) : null}
        </div>
        <div className="my-1 border-t border-slate-100" />
        {showApiKeys ? (
          <Link
            href={localeHref(locale, paths.apiKeys)}
            className="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100"
            onClick={() => setOpen(false)}
            data-testid="user-menu-api-keys"
          >
            {t("nav.apiKeys")}
          </Link>
        ) : null}
        <button
          type="button"
          onClick={signOut}
          disabled={signingOut}
          data-testid="user-menu-sign-out"
          className="block w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-60"
        >
          {signingOut ? t("actions.signingOut") : t("actions.signOut")}
        </button>
      </div>
    </div>
  );
}
