import type { Locale } from "@/lib/i18n/config";
import type { NamespaceMessages } from "@/lib/i18n/catalogue";
import type { MessageKey, Translator } from "@/lib/i18n/translate";
import { formatNumber } from "@/lib/i18n/format";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TResourceTypeDto } from "@/lib/schemas/catalogue";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** One catalogue entry: names, level, metrics with units and ranges, minimum criteria, credentials. */
export function ResourceTypeCard({
  type,
  locale,
  t,
  editHref,
}: {
  type: TResourceTypeDto;
  locale: Locale;
  t: Translator<MessageKey<NamespaceMessages<"catalogue">>>;
  editHref?: string;
}) {
  const zh = locale === "zh-CN";
  const name = localizedName(locale, type.nameZh, type.nameEn);
  const altName = zh ? type.nameEn : type.nameZh;
  const range = (min: number | null, max: number | null) =>
    `${min === null ? "—" : formatNumber(locale, min)} – ${max === null ? "—" : formatNumber(locale, max)}`;
  return (
    <Card className="flex flex-col" data-testid="resource-type-card" data-code={type.code}>
      <div className="flex items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
        <div className="min-w-0">
          <h3 className="text-base font-semibold text-slate-900">{name}</h3>
          <p className="text-sm text-slate-500" lang={zh ? "en" : "zh-CN"}>
            {altName}
          </p>
          <p className="mt-1 font-mono text-xs text-slate-500">
            {t("code")}: {type.code} · {t("kind")}: {type.kind}
          </p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1.5">
          <Badge tone="brand" data-testid="resource-type-level">
            <span title={t("levelHint")}>{t("level", { level: String(type.typeLevel) })}</span>
          </Badge>
          {type.active ? null : <Badge tone="neutral">{t("inactive")}</Badge>}
        </div>
      </div>
      <div className="flex-1 space-y-4 px-5 py-4 text-sm">
        <p className="text-slate-700">{zh ? type.descriptionZh : type.descriptionEn}</p>
        <div className="rounded-lg bg-amber-50 px-3 py-2 ring-1 ring-amber-200 ring-inset">
          <p className="text-xs font-semibold uppercase tracking-wide text-amber-900">{t("minimumCriteria")}</p>
          <p className="mt-0.5 text-amber-950" data-testid="resource-type-criteria">
            {zh ? type.minimumCriteriaZh : type.minimumCriteriaEn}
          </p>
        </div>
        <div>
          <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("metrics")}</p>
          {type.metrics.length === 0 ? (
            <p className="text-slate-500">{t("noMetrics")}</p>
          ) : (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("metrics")}</caption>
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-2 font-medium">{t("metricColumns.label")}</th>
                  <th scope="col" className="py-1 pr-2 font-medium">{t("metricColumns.unit")}</th>
                  <th scope="col" className="py-1 font-medium">{t("metricColumns.range")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {type.metrics.map((m) => (
                  <tr key={m.key} data-testid="resource-type-metric">
                    <td className="py-1 pr-2 text-slate-800">
                      {zh ? m.labelZh : m.labelEn} <span className="font-mono text-xs text-slate-400">{m.key}</span>
                    </td>
                    <td className="py-1 pr-2 text-slate-700">{m.unit}</td>
                    <td className="py-1 tabular-nums text-slate-700">{range(m.min, m.max)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <p className="text-xs text-slate-600">
          {t("requiredCredentials")}:{" "}
          {type.requiredCredentialKinds.length ? (
            <span className="font-mono">{type.requiredCredentialKinds.join(", ")}</span>
          ) : (
            t("none")
          )}{" "}
          · {t("defaultUnit", { unit: type.defaultUnit })}
        </p>
      </div>
      {editHref ? (
        <div className="border-t border-slate-100 px-5 py-3">
          <ButtonLink href={editHref} size="sm" variant="outline" data-testid="resource-type-edit">
            {t("edit")}
          </ButtonLink>
        </div>
      ) : null}
    </Card>
  );
}
