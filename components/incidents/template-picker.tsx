"use client";

import { useLocale, useT } from "@/lib/i18n/client";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TNeedTemplate } from "@/lib/schemas/incidents";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";

export type TemplateChoice = { include: boolean; quantity: string };

/** Pick a template for the incident's kind; its needs are listed with an include box and an editable quantity. */
export function TemplatePicker({
  templates,
  loading,
  code,
  choices,
  errors,
  onPick,
  onChoice,
}: {
  templates: TNeedTemplate[];
  loading: boolean;
  code: string;
  choices: TemplateChoice[];
  errors: Record<string, string[]>;
  onPick: (code: string) => void;
  onChoice: (index: number, choice: TemplateChoice) => void;
}) {
  const t = useT("incidents");
  const locale = useLocale();
  const template = templates.find((x) => x.code === code);
  return (
    <div className="space-y-4">
      <Field id="incident-template" label={t("form.template")} hint={loading ? t("form.templateLoading") : templates.length ? t("form.templateHint") : t("form.templateEmpty")}>
        <Select value={code} onChange={(e) => onPick(e.target.value)} disabled={loading || templates.length === 0} data-testid="template-select">
          <option value="">{t("form.templateNone")}</option>
          {templates.map((x) => (
            <option key={x.code} value={x.code}>
              {localizedName(locale, x.nameZh, x.nameEn)}
            </option>
          ))}
        </Select>
      </Field>
      {template ? (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" data-testid="template-items">
          {template.items.map((item, i) => {
            const choice = choices[i] ?? { include: true, quantity: String(item.quantity) };
            const error = errors[`templateItems.${i}.quantity`]?.[0];
            const name = localizedName(locale, item.titleZh, item.titleEn);
            return (
              <li key={`${item.typeCode}-${i}`} className="flex flex-wrap items-center gap-3 px-3 py-2" data-testid="template-item" data-type-code={item.typeCode}>
                <label className="flex min-w-0 flex-1 items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    className="size-4 accent-brand-600"
                    checked={choice.include}
                    onChange={(e) => onChoice(i, { ...choice, include: e.target.checked })}
                    data-testid="template-item-include"
                  />
                  <span className="truncate">{name}</span>
                  <span className="sr-only">{t("form.include")}</span>
                </label>
                <span className="flex items-center gap-2">
                  <Input
                    type="number"
                    min={1}
                    inputMode="numeric"
                    className="w-28"
                    aria-label={`${name} ${t("form.quantity")}`}
                    aria-invalid={error ? true : undefined}
                    value={choice.quantity}
                    disabled={!choice.include}
                    onChange={(e) => onChoice(i, { ...choice, quantity: e.target.value })}
                    data-testid="template-item-quantity"
                  />
                  <span className="w-12 text-xs text-slate-500">{item.unit}</span>
                </span>
                {error ? (
                  <p role="alert" className="w-full text-xs font-medium text-red-700">
                    {error}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
