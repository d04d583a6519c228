"use client";

import { useT } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { newBlackout, newWeekly, type WindowState } from "@/components/listings/form/form-state";

/** Availability rows: weekly hours and dated blackouts; errors arrive as `availabilityWindows.<i>.<field>`. */
export function WindowsEditor({ value, onChange, error }: { value: WindowState[]; onChange(v: WindowState[]): void; error(path: string): string | undefined }) {
  const t = useT("listings");
  const set = (i: number, patch: Partial<WindowState>) => onChange(value.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  return (
    <div className="space-y-3" data-testid="windows-editor">
      {value.length === 0 ? <p className="text-sm text-slate-500">{t("form.noWindows")}</p> : null}
      {value.map((w, i) => {
        const p = `availabilityWindows.${i}`;
        return (
          <div key={i} className="grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 p-3 sm:grid-cols-5" data-testid={`window-${i}`}>
            <p className="col-span-2 text-sm font-medium text-slate-700 sm:col-span-1 sm:self-center">{t(`form.kind${w.kind}`)}</p>
            {w.kind === "WEEKLY" ? (
              <>
                <Field id={`w-${i}-weekday`} label={t("form.weekday")} error={error(`${p}.weekday`)}>
                  <Select value={w.weekday} onChange={(e) => set(i, { weekday: e.target.value })}>
                    {["1", "2", "3", "4", "5", "6", "0"].map((d) => (
                      <option key={d} value={d}>{t(`weekdays.${d}`)}</option>
                    ))}
                  </Select>
                </Field>
                <Field id={`w-${i}-start`} label={t("form.start")} error={error(`${p}.startMinute`)}>
                  <Input type="time" value={w.start} onChange={(e) => set(i, { start: e.target.value })} />
                </Field>
                <Field id={`w-${i}-end`} label={t("form.end")} error={error(`${p}.endMinute`)}>
                  <Input type="time" value={w.end} onChange={(e) => set(i, { end: e.target.value })} />
                </Field>
              </>
            ) : (
              <>
                <Field id={`w-${i}-startsAt`} label={t("form.start")} error={error(`${p}.startsAt`)}>
                  <Input type="date" value={w.startsAt} onChange={(e) => set(i, { startsAt: e.target.value })} />
                </Field>
                <Field id={`w-${i}-endsAt`} label={t("form.end")} error={error(`${p}.endsAt`)} className="sm:col-span-2">
                  <Input type="date" value={w.endsAt} onChange={(e) => set(i, { endsAt: e.target.value })} />
                </Field>
              </>
            )}
            <Button variant="ghost" size="sm" onClick={() => onChange(value.filter((_, j) => j !== i))}>
              {t("form.remove")}
            </Button>
          </div>
        );
      })}
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" onClick={() => onChange([...value, newWeekly()])} data-testid="add-weekly">
          {t("form.addWeekly")}
        </Button>
        <Button variant="outline" size="sm" onClick={() => onChange([...value, newBlackout()])} data-testid="add-blackout">
          {t("form.addBlackout")}
        </Button>
      </div>
    </div>
  );
}
