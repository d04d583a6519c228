import Link from "next/link";
import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";

const CHOICES = [
  { key: "requester", icon: "M3 21h18M5 21V8l7-5 7 5v13M9 21v-6h6v6" },
  { key: "supplier", icon: "M3 7h18v13H3zM8 7V4h8v3M3 12h18" },
  { key: "expert", icon: "M12 14a5 5 0 1 0 0-10 5 5 0 0 0 0 10Zm-8 7a8 8 0 0 1 16 0" },
  { key: "knight", icon: "M5 18a3 3 0 1 0 0-.01M19 18a3 3 0 1 0 0-.01M5 18h4l4-7h4l2 7M13 11l-2-4H8" },
] as const;

/** The four ways to join, as cards that link to their forms. */
export async function SignUpChoices({ locale }: { locale: Locale }) {
  const t = await getT(locale, "auth");
  return (
    <ul className="mt-10 grid gap-4 sm:grid-cols-2">
      {CHOICES.map(({ key, icon }) => (
        <li key={key}>
          <Link
            href={`/${locale}/sign-up/${key}`}
            data-testid={`signup-card-${key}`}
            className="group flex h-full flex-col rounded-[var(--radius-card)] border border-slate-200 bg-white p-6 shadow-[var(--shadow-card)] transition hover:border-brand-400 hover:shadow-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            <span aria-hidden="true" className="flex size-10 items-center justify-center rounded-lg bg-brand-50 text-brand-700">
              <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className="size-5">
                <path d={icon} />
              </svg>
            </span>
            <span className="mt-4 text-lg font-semibold text-slate-900">{t(`signUp.cards.${key}.title`)}</span>
            <span className="mt-1 flex-1 text-sm text-slate-600">{t(`signUp.cards.${key}.body`)}</span>
            <span className="mt-4 text-sm font-medium text-brand-700 group-hover:text-brand-800">
              {t(`signUp.cards.${key}.cta`)} →
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
