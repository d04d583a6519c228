import Link from "next/link";
import type { ReactNode } from "react";

/** Page frame of the sign-up forms: a back link, the page's <h1>, and the form in a card. */
export function SignUpShell(props: {
  title: string;
  subtitle: string;
  backHref: string;
  backLabel: string;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto w-full max-w-xl px-4 py-10 sm:py-14">
      <Link href={props.backHref} className="text-sm font-medium text-brand-700 hover:text-brand-800">
        ← {props.backLabel}
      </Link>
      <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{props.title}</h1>
      <p className="mt-2 text-slate-600">{props.subtitle}</p>
      <div className="mt-8 rounded-[var(--radius-card)] border border-slate-200 bg-white p-5 shadow-[var(--shadow-card)] sm:p-7">
        {props.children}
      </div>
      {props.footer ? <div className="mt-6 text-center text-sm text-slate-600">{props.footer}</div> : null}
    </div>
  );
}
