import type { TRequisitionDto } from "@/lib/schemas/compensation";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import type { Translator } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import type { NamespaceMessages } from "@/lib/i18n/catalogue";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatYuan } from "@/components/compensation/money";

type T = Translator<MessageKey<NamespaceMessages<"compensation">>>;

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** The decision as a document: number, legal basis, parties, resource, rate card, and the time in use. */
export function RequisitionDecision({ r, locale, t }: { r: TRequisitionDto; locale: Locale; t: T }) {
  const basis = locale === "en" ? r.legalBasis.en : r.legalBasis.zh;
  const rc = r.rateCard;
  const row = (label: string, value: string, testId?: string) => (
    <div className="grid grid-cols-3 gap-2 py-1">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="col-span-2" data-testid={testId}>{value}</dd>
    </div>
  );
  return (
    <Card data-testid="requisition-decision">
      <CardHeader title={t("decision.title")} description={`${t("decision.number")}: ${r.number}`} headingLevel={2} />
      <CardBody className="space-y-3 text-sm">
        <p>{t("decision.legalText", { basis })}</p>
        <dl className="divide-y divide-slate-100">
          {row(t("decision.legalBasis"), basis, "legal-basis")}
          {row(t("decision.requester"), r.requester.name)}
          {row(t("decision.supplier"), r.supplier.name)}
          {row(t("decision.resource"), `${r.resource.title}（${locale === "en" ? r.resource.typeNameEn : r.resource.typeNameZh}）`)}
          {row(t("decision.incident"), r.incident.title)}
          {row(t("decision.need"), `${r.need.title} · ${r.need.stagingAddress}`)}
          {row(t("decision.decidedAt"), formatDateTime(locale, r.decidedAt))}
        </dl>
        <p data-testid="rate-card">
          {rc
            ? `${t("decision.rateCard", { version: rc.version, from: formatDateTime(locale, rc.effectiveFrom) })}: ${t("decision.rates", {
                rent: formatYuan(locale, rc.rentCents), unit: t(rc.rentUnit === "HOUR" ? "decision.unitHOUR" : "decision.unitDAY"),
                operator: formatYuan(locale, rc.operatorCentsPerHour), fuel: formatYuan(locale, rc.fuelCentsPerKm),
              })}`
            : t("decision.noRateCard")}
        </p>
        <div>
          <h3 className="font-medium">{t("lifecycle.title")}</h3>
          <p>{t("lifecycle.operating")}: {t("lifecycle.hours", { hours: hours(r.operatingMinutes) })} · {t("lifecycle.standby")}: {t("lifecycle.hours", { hours: hours(r.standbyMinutes) })}</p>
        </div>
      </CardBody>
    </Card>
  );
}
