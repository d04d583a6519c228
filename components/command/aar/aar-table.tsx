import type { ReactNode } from "react";

/** A plain, printable table (header row + body); `testId` marks it for tests. */
export function AarTable({ head, rows, testId, caption }: { head: ReactNode[]; rows: ReactNode[][]; testId?: string; caption?: ReactNode }) {
  return (
    <div className="overflow-x-auto print:overflow-visible">
      <table className="w-full border-collapse text-left text-sm" data-testid={testId}>
        {caption ? <caption className="mb-1 text-left text-sm font-medium text-slate-700">{caption}</caption> : null}
        <thead>
          <tr className="border-b border-slate-300">
            {head.map((h, i) => (
              <th key={i} scope="col" className="px-2 py-1.5 font-medium text-slate-700">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-b border-slate-100 break-inside-avoid">
              {r.map((c, j) => (
                <td key={j} className="px-2 py-1.5 align-top text-slate-900">{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One numbered report section; each starts a fresh block when printed and avoids splitting its heading. */
export function AarSection({ id, title, children, description }: { id: string; title: ReactNode; children: ReactNode; description?: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-h`} className="space-y-3 rounded-[var(--radius-card)] border border-slate-200 bg-white p-5 print:rounded-none print:border-0 print:p-0" data-testid={`aar-${id}`}>
      <h2 id={`${id}-h`} className="break-after-avoid text-lg font-semibold text-slate-900">{title}</h2>
      {description ? <p className="text-sm text-slate-600">{description}</p> : null}
      {children}
    </section>
  );
}
