"use client";

import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TResourceTypeMetric } from "@/lib/schemas/catalogue";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** One number input per metric of the chosen type, labelled with its unit and allowed range. */
export function CapabilityFields({
  metrics,
  value,
  onChange,
  error,
}: {
  metrics: TResourceTypeMetric[];
  value: Record<string, string>;
  onChange(v: Record<string, string>): void;
  error(path: string): string | undefined;
}) {
  const t = useT("listings");
  const locale = useLocale();
  if (metrics.length === 0) return null;
  return (
    <div className="grid gap-4 sm:grid-cols-2" data-testid="capability-fields">
      {metrics.map((m) => (
        <Field
          key={m.key}
          id={`cap-${m.key}`}
          label={`${localizedName(locale, m.labelZh, m.labelEn)}${m.unit ? ` (${m.unit})` : ""}`}
          hint={m.min !== null || m.max !== null ? t("form.capabilityRange", { min: String(m.min ?? "–"), max: String(m.max ?? "–"), unit: m.unit }) : undefined}
          error={error(`capabilities.${m.key}`)}
        >
          <Input
            type="number"
            inputMode="decimal"
            step="any"
            min={m.min ?? undefined}
            max={m.max ?? undefined}
            value={value[m.key] ?? ""}
            onChange={(e) => onChange({ ...value, [m.key]: e.target.value })}
            data-testid={`cap-${m.key}`}
          />
        </Field>
      ))}
    </div>
  );
}
