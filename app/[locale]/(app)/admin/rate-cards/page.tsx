import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { formatDateTime } from "@/lib/i18n/format";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { RateCardForm } from "@/components/compensation/rate-card-form";
import { formatYuan } from "@/components/compensation/money";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "compensation");
  return { title: t("meta.rateCards") };
}

/** Platform admins publish versioned compensation rates per resource type. */
export default async function RateCardsPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.adminRateCards));
  if (!can(actor.roles, "rateCard.manage")) redirect(localeHref(locale, paths.dashboard));
  const t = await getT(locale, "compensation");
  const caller = await getServerCaller();
  const [cards, types] = await Promise.all([caller.compensation.rateCards({}), caller.catalogue.listTypes({ active: true })]);
  const typeName = new Map(types.items.map((x) => [x.id, locale === "en" ? x.nameEn : x.nameZh]));
  return (
    <div className="space-y-6" data-testid="rate-cards-page">
      <PageHeader title={t("rateCards.title")} subtitle={t("rateCards.subtitle")} />
      <RateCardForm types={types.items.map((x) => ({ id: x.id, name: `${locale === "en" ? x.nameEn : x.nameZh} (${x.code})` }))} />
      {cards.length === 0 ? <EmptyState title={t("rateCards.title")} description={t("rateCards.empty")} /> : (
        <div className="overflow-x-auto rounded-[var(--radius-card)] border border-slate-200 bg-white">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t("rateCards.title")}</caption>
            <thead className="bg-slate-50">
              <tr>
                {(["type", "version", "effectiveFrom", "rentYuan", "operatorYuan", "fuelYuan", "note"] as const).map((c) => <th key={c} scope="col" className="px-3 py-2 font-medium">{t(`rateCards.${c}`)}</th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {cards.map((c) => (
                <tr key={c.id} data-testid="rate-card-row">
                  <td className="px-3 py-2">{typeName.get(c.typeId) ?? c.typeId}</td>
                  <td className="px-3 py-2">{c.version}</td>
                  <td className="px-3 py-2">{formatDateTime(locale, c.effectiveFrom)}</td>
                  <td className="px-3 py-2">{formatYuan(locale, c.rentCents)} / {t(c.rentUnit === "HOUR" ? "decision.unitHOUR" : "decision.unitDAY")}</td>
                  <td className="px-3 py-2">{formatYuan(locale, c.operatorCentsPerHour)}</td>
                  <td className="px-3 py-2">{formatYuan(locale, c.fuelCentsPerKm)}</td>
                  <td className="px-3 py-2">{c.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
