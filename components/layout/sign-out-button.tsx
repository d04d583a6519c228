"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { clearOfflinePages } from "@/components/knight/pwa/offline-cache";
import { localeHref, paths } from "@/components/layout/routes";
import { cx } from "@/components/ui/cx";

/**
 * Signs out through Auth.js (POST /api/auth/signout with its CSRF token), which deletes the database
 * session and clears the cookie, then lands on the home page of the current language. Pages the knight
 * app kept for offline use are deleted first (they hold the signed-in person's data).
 */
export function useSignOut() {
  const locale = useLocale();
  const [pending, setPending] = useState(false);
  async function run() {
    setPending(true);
    try {
      await clearOfflinePages();
      await signOut({ redirectTo: localeHref(locale, paths.home) });
    } catch {
      setPending(false);
    }
  }
  return { pending, signOut: run };
}

/** Always-visible sign-out in the top bar (one tap on phones, no menu to open first). */
export function SignOutButton({ className }: { className?: string }) {
  const t = useT("common");
  const { pending, signOut: run } = useSignOut();
  const label = pending ? t("actions.signingOut") : t("actions.signOut");
  return (
    <button
      type="button"
      onClick={run}
      disabled={pending}
      aria-label={label}
      title={label}
      data-testid="sign-out"
      className={cx(
        "flex size-9 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-60",
        className,
      )}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
        <path
          fillRule="evenodd"
          d="M3 4.25A2.25 2.25 0 0 1 5.25 2h5.5A2.25 2.25 0 0 1 13 4.25v2a.75.75 0 0 1-1.5 0v-2a.75.75 0 0 0-.75-.75h-5.5a.75.75 0 0 0-.75.75v11.5c0 .414.336.75.75.75h5.5a.75.75 0 0 0 .75-.75v-2a.75.75 0 0 1 1.5 0v2A2.25 2.25 0 0 1 10.75 18h-5.5A2.25 2.25 0 0 1 3 15.75V4.25Z"
          clipRule="evenodd"
        />
        <path
          fillRule="evenodd"
          d="M19 10a.75.75 0 0 0-.75-.75H8.704l1.048-.943a.75.75 0 1 0-1.004-1.114l-2.5 2.25a.75.75 0 0 0 0 1.114l2.5 2.25a.75.75 0 1 0 1.004-1.114l-1.048-.943h9.546A.75.75 0 0 0 19 10Z"
          clipRule="evenodd"
        />
      </svg>
    </button>
  );
}
