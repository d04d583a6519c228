"use client";

import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export type MetricRow = { key: string; unit: string; labelZh: string; labelEn: string; min: string; max: string };
export const EMPTY_METRIC: MetricRow = { key: "", unit: "", labelZh: "", labelEn: "", min: "0", max: "" };

const COLUMNS = [
  ["key", "metricKey"],
  ["unit", "metricUnit"],
  ["labelZh", "metricLabelZh"],
  ["labelEn", "metricLabelEn"],
  ["min", "metricMin"],
  ["max", "metricMax"],
] as const;

/** Editable metric rows; errors arrive keyed "metrics.<i>.<field>". */
export function MetricRows({
  rows,
  onChange,
  error,
}: {
  rows: MetricRow[];
  onChange: (rows: MetricRow[]) => void;
  error: (path: string) => string | undefined;
}) {
  const t = useT("catalogue");
  const set = (i: number, k: keyof MetricRow, v: string) => onChange(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  return (
    <div className="space-y-3">
      {rows.map((row, i) => (
        <fieldset key={i} className="rounded-lg border border-slate-200 p-3" data-testid="metric-row">
          <legend className="px-1 text-xs font-medium text-slate-500">#{i + 1}</legend>
          <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
            {COLUMNS.map(([k, label]) => (
              <Field key={k} id={`metric-${i}-${k}`} label={t(`form.${label}`)} error={error(`metrics.${i}.${k}`)}>
                <Input
                  value={row[k]}
                  inputMode={k === "min" || k === "max" ? "decimal" : undefined}
                  onChange={(e) => set(i, k, e.target.value)}
                  data-testid={`metric-${k}`}
                />
              </Field>
            ))}
          </div>
          <Button size="sm" variant="ghost" className="mt-2" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {t("form.removeMetric")}
          </Button>
        </fieldset>
      ))}
      <Button size="sm" variant="outline" onClick={() => onChange([...rows, { ...EMPTY_METRIC }])} data-testid="metric-add">
        {t("form.addMetric")}
      </Button>
    </div>
  );
}
