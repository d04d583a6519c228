"use client";

import { useT } from "@/lib/i18n/client";
import type { TImportRowError } from "@/lib/schemas/listings";

/** The per-row error report: row number (line in the file), column, message. */
export function ImportErrors({ errors }: { errors: TImportRowError[] }) {
  const t = useT("listings");
  if (errors.length === 0) return null;
  return (
    <div className="space-y-2">
      <h2 className="text-sm font-semibold text-slate-900">{t("import.errorsTitle", { count: String(errors.length) })}</h2>
      <div className="max-h-96 overflow-auto rounded-lg border border-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="import-errors">
          <thead className="sticky top-0 bg-slate-50 text-left text-xs font-semibold text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t("import.colRow")}</th>
              <th scope="col" className="px-3 py-2">{t("import.colColumn")}</th>
              <th scope="col" className="px-3 py-2">{t("import.colMessage")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {errors.map((e, i) => (
              <tr key={i}>
                <td className="px-3 py-2 tabular-nums">{e.row}</td>
                <td className="px-3 py-2 font-mono text-xs">{e.column}</td>
                <td className="px-3 py-2 text-red-800">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
