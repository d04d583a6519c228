"use client";

import { useT } from "@/lib/i18n/client";
import { KNOWN_TRAININGS } from "@/lib/schemas/knight-profile";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** `validUntil` as typed (YYYY-MM-DD); `stored` keeps the saved instant so an untouched row is sent back unchanged. */
export type TrainingRow = { code: string; validUntil: string; stored?: { date: string; iso: string } };

const DAY_MS = 86_400_000;

/** Status of a row as typed (dates are whole days in the knight's time zone). */
function rowStatus(validUntil: string, now: number): "none" | "expired" | "soon" | "valid" {
  if (!validUntil) return "none";
  const end = new Date(`${validUntil}T23:59:59`).getTime();
  if (Number.isNaN(end)) return "none";
  if (end <= now) return "expired";
  return end - now <= 30 * DAY_MS ? "soon" : "valid";
}

/** Trainings with expiry: each row warns when expired or expiring; errors arrive as "trainings.<i>.<field>". */
export function TrainingsEditor({
  rows,
  onChange,
  error,
  now,
}: {
  rows: TrainingRow[];
  onChange: (rows: TrainingRow[]) => void;
  error: (path: string) => string | undefined;
  now: number;
}) {
  const t = useT("knight");
  const set = (i: number, k: keyof TrainingRow, v: string) => onChange(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  return (
    <div className="space-y-3">
      <datalist id="known-trainings">
        {KNOWN_TRAININGS.map((c) => <option key={c} value={c}>{t(`trainings.names.${c}`)}</option>)}
      </datalist>
      {rows.length === 0 ? <p className="text-sm text-slate-600">{t("trainings.empty")}</p> : null}
      {rows.map((row, i) => {
        const status = rowStatus(row.validUntil, now);
        const known = (KNOWN_TRAININGS as readonly string[]).includes(row.code);
        return (
          <div key={i} className="rounded-lg border border-slate-200 p-3" data-testid="training-row" data-status={status}>
            <div className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
              <Field id={`training-${i}-code`} label={t("trainings.code")} hint={known ? t(`trainings.names.${row.code}`) : undefined} error={error(`trainings.${i}.code`)}>
                <Input list="known-trainings" value={row.code} onChange={(e) => set(i, "code", e.target.value.toUpperCase())} className="font-mono" data-testid="training-code" />
              </Field>
              <Field id={`training-${i}-validUntil`} label={t("trainings.validUntil")} error={error(`trainings.${i}.validUntil`)}>
                <Input type="date" value={row.validUntil} onChange={(e) => set(i, "validUntil", e.target.value)} data-testid="training-validUntil" />
              </Field>
              <div className="flex items-center gap-2 sm:mt-7">
                {status === "expired" ? <Badge tone="danger" data-testid="training-expired">{t("trainings.expired")}</Badge> : null}
                {status === "soon" ? <Badge tone="warning">{t("trainings.expiringSoon")}</Badge> : null}
                {status === "valid" ? <Badge tone="success">{t("trainings.valid")}</Badge> : null}
                {status === "none" && row.code ? <Badge>{t("trainings.noExpiry")}</Badge> : null}
                <Button size="sm" variant="ghost" onClick={() => onChange(rows.filter((_, j) => j !== i))}>{t("trainings.remove")}</Button>
              </div>
            </div>
          </div>
        );
      })}
      <Button size="sm" variant="outline" onClick={() => onChange([...rows, { code: "", validUntil: "" }])} data-testid="training-add">
        {t("trainings.add")}
      </Button>
    </div>
  );
}
