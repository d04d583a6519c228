import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TAarReport } from "@/lib/schemas/aar";
import { AarSection, AarTable } from "@/components/command/aar/aar-table";

/** Sections 4–7 of the report: participants, resources used, unmet demand, costs (payment modes). */
export async function AarResourceSections({ report: r, locale }: { report: TAarReport; locale: Locale }) {
  const [t, k, tn] = await Promise.all([getT(locale, "aar"), getT(locale, "commandKpis"), getT(locale, "needs")]);
  const used = r.resourcesByCategory.filter((c) => c.assignments > 0);
  return (
    <>
      <AarSection id="participants" title={t("participants.title")}>
        <AarTable
          testId="aar-participants-table"
          head={[t("participants.org"), t("participants.role")]}
          rows={r.participants.map((p) => [localizedName(locale, p.name, p.nameEn), p.detail ? `${t(`participants.roles.${p.role}`)} (${p.detail})` : t(`participants.roles.${p.role}`)])}
        />
        {r.participants.length <= 1 ? <p className="text-sm text-slate-600">{t("participants.empty")}</p> : null}
        <p className="text-sm text-slate-700">{t("participants.knights", { n: r.knights })}</p>
      </AarSection>

      <AarSection id="resources" title={t("resources.title")}>
        {used.length === 0 ? (
          <p className="text-sm text-slate-600">{t("resources.empty")}</p>
        ) : (
          <>
            <AarTable
              testId="aar-resources-category"
              caption={t("resources.byCategory")}
              head={[t("resources.category"), t("resources.assignments"), t("resources.units")]}
              rows={used.map((c) => [k(`committed.categories.${c.category}`), c.assignments, c.units])}
            />
            <AarTable
              testId="aar-resources-supplier"
              caption={t("resources.bySupplier")}
              head={[t("resources.supplier"), t("resources.category"), t("resources.assignments"), t("resources.units")]}
              rows={r.resourcesBySupplier.map((s) => [
                s.name || (s.category === "KNIGHT" ? t("resources.knights") : t("resources.individual")),
                k(`committed.categories.${s.category}`),
                s.assignments,
                s.units,
              ])}
            />
          </>
        )}
      </AarSection>

      <AarSection id="unmet" title={t("unmet.title")}>
        {r.unmetDemand.length === 0 ? (
          <p className="text-sm text-slate-600">{t("unmet.empty")}</p>
        ) : (
          <AarTable
            testId="aar-unmet-table"
            head={[k("unmet.type"), k("unmet.reason"), k("unmet.needs"), k("unmet.unitsShort")]}
            rows={r.unmetDemand.map((u) => [localizedName(locale, u.typeNameZh, u.typeNameEn), k(`unmet.reasons.${u.reason}`), u.needs, u.unitsShort])}
          />
        )}
      </AarSection>

      <AarSection id="costs" title={t("costs.title")} description={t("costs.note")}>
        <AarTable
          testId="aar-costs-table"
          head={[t("costs.mode"), t("costs.needs"), t("costs.units")]}
          rows={r.costs.paymentModes.map((m) => [tn(`payment.${m.mode}`), m.needs, m.units])}
        />
      </AarSection>
    </>
  );
}
