import Link from "next/link";
import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

/** One headline figure with its label; optionally a link to where the figure comes from. */
export function Stat({
  label,
  value,
  hint,
  href,
  emphasis = false,
  className,
  ...rest
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  href?: string;
  /** Orange figure, for the one number that needs attention. */
  emphasis?: boolean;
  className?: string;
  "data-testid"?: string;
}) {
  const body = (
    <>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className={cx("mt-1 text-3xl font-semibold tracking-tight tabular-nums", emphasis ? "text-brand-700" : "text-slate-900")}>
        {value}
      </dd>
      {hint ? <dd className="mt-1 text-xs text-slate-500">{hint}</dd> : null}
    </>
  );
  const box = "rounded-[var(--radius-card)] border border-slate-200 bg-white p-5 shadow-[var(--shadow-card)]";
  if (href) {
    return (
      <div className={cx(box, "relative transition-colors hover:border-brand-300", className)} {...rest}>
        <dl>{body}</dl>
        <Link href={href} className="absolute inset-0 rounded-[var(--radius-card)]" aria-label={label} />
      </div>
    );
  }
  return (
    <div className={cx(box, className)} {...rest}>
      <dl>{body}</dl>
    </div>
  );
}
