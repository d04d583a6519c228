import type { ReactNode } from "react";

export type ChartTable = { headers: string[]; rows: (string | number)[][] };

/**
 * A chart with its text alternative: the SVG is one image with a name (screen readers skip its parts), and
 * the same figures sit in a real table behind a disclosure, for anyone who wants the numbers.
 */
export function ChartFigure({ title, description, chart, table, showTableLabel, testId }: {
  title: string;
  description?: string;
  chart: ReactNode;
  table: ChartTable;
  showTableLabel: string;
  testId?: string;
}) {
  return (
    <figure className="space-y-2" data-testid={testId}>
      <figcaption>
        <span className="block text-sm font-semibold text-slate-900">{title}</span>
        {description ? <span className="block text-xs text-slate-600">{description}</span> : null}
      </figcaption>
      {chart}
      <details className="text-xs">
        <summary className="cursor-pointer text-brand-700 hover:underline">{showTableLabel}</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-left text-xs" data-testid={testId ? `${testId}-table` : undefined}>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                {table.headers.map((h) => (
                  <th key={h} scope="col" className="border-b border-slate-200 px-2 py-1 font-medium text-slate-700">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) =>
                    j === 0 ? (
                      <th key={j} scope="row" className="border-b border-slate-100 px-2 py-1 font-normal text-slate-800">
                        {c}
                      </th>
                    ) : (
                      <td key={j} className="border-b border-slate-100 px-2 py-1 tabular-nums text-slate-800">
                        {c}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
