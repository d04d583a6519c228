"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDuration } from "@/lib/i18n/format";
import { useTRPC } from "@/lib/trpc/react";
import { AREA_MAX_RADIUS_KM, type TAreaProposeResult } from "@/lib/schemas/matching-assign";
import { tierFill } from "@/components/matching/gap-line";
import { errorMessage } from "@/components/needs/use-incident-refresh";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";

const WINDOW_HOURS = [1, 2, 4, 8, 24] as const;

/**
 * "Solve jointly with nearby incidents": an area proposal (matchAssign.proposeArea) centred on this incident,
 * over every incident the dispatcher runs within the radius and window. Its rows land in each incident's
 * proposal, so `onDone` re-reads this one; the line below names the other incidents it touched.
 */
export function AreaProposal({ incidentId, lat, lng, disabled, onDone }: { incidentId: string; lat: number; lng: number; disabled: boolean; onDone: () => void }) {
  const t = useT("matching");
  const tn = useT("needs");
  const locale = useLocale();
  const trpc = useTRPC();
  const [radiusKm, setRadiusKm] = useState("10");
  const [hours, setHours] = useState<number>(2);
  const [result, setResult] = useState<TAreaProposeResult | null>(null);
  const run = useMutation(trpc.matchAssign.proposeArea.mutationOptions());
  const radius = Number(radiusKm);
  const valid = Number.isFinite(radius) && radius > 0 && radius <= AREA_MAX_RADIUS_KM;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    run.mutate(
      { lat, lng, radiusKm: radius, withinMinutes: hours * 60 },
      { onSuccess: (r) => setResult(r), onSettled: () => onDone() },
    );
  };
  const others = result?.incidents.filter((i) => i.id !== incidentId) ?? [];

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 p-3" data-testid="area-proposal">
      <div>
        <h3 className="text-sm font-semibold text-slate-900">{t("area.title")}</h3>
        <p className="text-xs text-slate-600">{t("area.hint")}</p>
      </div>
      <div className="grid gap-3 sm:grid-cols-3 sm:items-end">
        <Field id={`area-radius-${incidentId}`} label={t("area.radius")}>
          <Input type="number" inputMode="decimal" min={0.1} max={AREA_MAX_RADIUS_KM} step="0.1" value={radiusKm} onChange={(e) => setRadiusKm(e.target.value)} aria-invalid={!valid} data-testid="area-radius" />
        </Field>
        <Field id={`area-within-${incidentId}`} label={t("area.within")}>
          <Select value={hours} onChange={(e) => setHours(Number(e.target.value))} data-testid="area-within">
            {WINDOW_HOURS.map((h) => (
              <option key={h} value={h}>{t("area.withinHours", { time: formatDuration(locale, h * 3600, { precision: "minute" }) })}</option>
            ))}
          </Select>
        </Field>
        <Button type="submit" size="sm" variant="secondary" disabled={disabled || run.isPending || !valid} aria-busy={run.isPending} data-testid="area-propose">
          {run.isPending ? t("area.running") : t("area.submit")}
        </Button>
      </div>
      {run.isError ? (
        <p role="alert" className="text-sm text-red-800" data-testid="area-error">{t("failed", { message: errorMessage(run.error) })}</p>
      ) : result && !run.isPending ? (
        <div role="status" className="space-y-1 text-sm text-slate-700" data-testid="area-result" data-incidents={result.incidents.length}>
          <p>
            {result.needs.length === 0
              ? t("area.none")
              : t("area.done", {
                  incidents: result.incidents.length,
                  needs: result.needs.length,
                  filled: tierFill(result.objective.filled).map((f) => `${tn(`priority.${f.tier}`)} ${f.units}`).join(" · "),
                })}
          </p>
          {others.length > 0 ? <p className="text-xs text-slate-600">{t("area.others", { titles: others.map((i) => i.title).join(locale === "en" ? ", " : "、") })}</p> : null}
        </div>
      ) : null}
    </form>
  );
}
