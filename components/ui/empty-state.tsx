import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";

/** Says what is missing and what to do next — never a bare "no data". */
export function EmptyState({
  title,
  description,
  action,
  icon,
  className,
  ...rest
}: {
  title: ReactNode;
  description?: ReactNode;
  action?: { href: string; label: ReactNode };
  icon?: ReactNode;
  className?: string;
  "data-testid"?: string;
}) {
  return (
    <div
      className={cx(
        "flex flex-col items-center rounded-[var(--radius-card)] border border-dashed border-slate-300 bg-white/60 px-6 py-10 text-center",
        className,
      )}
      {...rest}
    >
      <div aria-hidden="true" className="mb-3 flex size-10 items-center justify-center rounded-full bg-brand-50 text-brand-700">
        {icon ?? (
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-5">
            <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm.75 4.5v4a.75.75 0 0 1-1.5 0v-4a.75.75 0 0 1 1.5 0ZM10 14.5a1 1 0 1 1 0-2 1 1 0 0 1 0 2Z" />
          </svg>
        )}
      </div>
      <p className="text-sm font-semibold text-slate-900">{title}</p>
      {description ? <p className="mt-1 max-w-md text-sm text-slate-600">{description}</p> : null}
      {action ? (
        <ButtonLink href={action.href} size="sm" className="mt-4">
          {action.label}
        </ButtonLink>
      ) : null}
    </div>
  );
}
