import type { Locale } from "@/lib/i18n/config";
import { getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import type { TAarReport } from "@/lib/schemas/aar";
import { AarSection, AarTable } from "@/components/command/aar/aar-table";
import { formatMoney } from "@/components/orders/money";

/** Sections 4–7 of the report: participants, resources used, unmet demand, costs (by mode and supplier, from the ledger). */
export async function AarResourceSections({ report: r, locale }: { report: TAarReport; locale: Locale }) {
  const [t, k, tn] = await Promise.all([getT(locale, "aar"), getT(locale, "commandKpis"), getT(locale, "needs")]);
  const money = (cents: number) => formatMoney(locale, cents);
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
          caption={t("costs.byMode")}
          head={[t("costs.mode"), t("costs.needs"), t("costs.units")]}
          rows={r.costs.paymentModes.map((m) => [tn(`payment.${m.mode}`), m.needs, m.units])}
        />
        {!r.costs.visible ? (
          <p className="text-sm text-slate-600" data-testid="aar-costs-hidden">{t("costs.hidden")}</p>
        ) : r.costs.bySupplier.length === 0 && !r.costs.recoverable ? (
          <p className="text-sm text-slate-600" data-testid="aar-costs-empty">{t("costs.empty")}</p>
        ) : (
          <>
            <AarTable
              testId="aar-costs-money"
              caption={t("costs.money")}
              head={[t("costs.mode"), t("costs.amount"), t("costs.paid"), t("costs.outstanding"), t("costs.pending")]}
              rows={r.costs.totals.map((m) => [tn(`payment.${m.mode}`), money(m.amountCents), money(m.paidCents), money(m.outstandingCents), money(m.pendingCents)])}
            />
            <AarTable
              testId="aar-costs-supplier"
              caption={t("costs.bySupplier")}
              head={[t("resources.supplier"), t("costs.mode"), t("costs.amount"), t("costs.paid"), t("costs.outstanding"), t("costs.pending")]}
              rows={r.costs.bySupplier.map((s) => [s.name || t("resources.individual"), tn(`payment.${s.mode}`), money(s.amountCents), money(s.paidCents), money(s.outstandingCents), money(s.pendingCents)])}
            />
            <p className="text-xs text-slate-600">{t("costs.legend")}</p>
            {r.costs.recoverable ? (
              <p className="text-sm text-slate-700" data-testid="aar-costs-recoverable">
                {t("costs.recoverable", {
                  unit: r.costs.recoverable.unitName || t("costs.unitUnnamed"),
                  recoverable: money(r.costs.recoverable.recoverableCents),
                  recovered: money(r.costs.recoverable.recoveredCents),
                  outstanding: money(r.costs.recoverable.outstandingCents),
                })}
              </p>
            ) : null}
          </>
        )}
      </AarSection>
    </>
  );
}
