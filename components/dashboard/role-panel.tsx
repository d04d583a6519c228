import type { ReactNode } from "react";

/** One role's section of the dashboard; `testId` is what browser tests look for (dashboard-<role>). */
export function RolePanel({
  id,
  title,
  badge,
  actions,
  testId,
  children,
}: {
  id: string;
  title: ReactNode;
  badge?: ReactNode;
  actions?: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} data-testid={testId} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          {badge}
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
