import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { env } from "@/lib/env";
import { formatDuration, formatNumber } from "@/lib/i18n/format";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { MapView } from "@/components/map/map-view";
import { browseHref, organizationHref } from "@/components/listings/browse/browse-url";
import { formatPrice } from "@/components/listings/browse/format-price";
import { CredentialList, DetailRow, windowSentences } from "@/components/listings/browse/listing-detail-sections";

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "browse");
  return { title: t("detail.metaTitle") };
}

async function load(id: string) {
  try {
    return await (await getServerCaller()).listingBrowse.get({ id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
}

/** A listing's public detail: what it is, how much, where, when, credentials, price, who offers it. */
export default async function ListingDetailPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const { id } = await params;
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, `/listings/${encodeURIComponent(id)}`));
  if (!can(actor.roles, "listing.read")) redirect(localeHref(locale, paths.dashboard));
  const [t, tc, d] = await Promise.all([getT(locale, "browse"), getT(locale, "common"), load(id)]);
  const requiredExpired = d.credentials.some((c) => c.required && c.expired);
  const windows = windowSentences(t, locale, d.windows);
  const ownerName = localizedName(locale, d.owner.name, d.owner.nameEn);

  return (
    <>
      <Link href={browseHref(locale)} className="mb-3 inline-block text-sm text-brand-700 hover:underline">← {t("detail.back")}</Link>
      <PageHeader
        title={<span data-testid="listing-title">{localizedName(locale, d.title, d.titleEn)}</span>}
        subtitle={`${t(`categories.${d.category}`)} · ${localizedName(locale, d.type.nameZh, d.type.nameEn)} · ${t("detail.level", { level: d.type.typeLevel })}`}
        actions={
          <>
            <Badge tone={d.status === "AVAILABLE" ? "success" : "warning"}>{t(`status.${d.status}`)}</Badge>
            {d.owner.verified ? <Badge tone="info" data-testid="listing-verified">{tc("verification.VERIFIED")}</Badge> : null}
          </>
        }
      />
      {requiredExpired ? (
        <p role="alert" className="mb-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm font-medium text-red-800" data-testid="listing-expired-warning">
          {t("detail.expiredRequired")}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card>
          <CardBody>
            <dl className="divide-y divide-slate-100">
              <DetailRow label={t("detail.type")}>{`${localizedName(locale, d.type.nameZh, d.type.nameEn)} (${d.type.code})`}</DetailRow>
              <DetailRow label={t("detail.capabilities")} testId="listing-capabilities">
                {d.capabilities.length === 0
                  ? t("detail.noCapabilities")
                  : d.capabilities.map((c) => (
                      <span key={c.key} className="mr-4 inline-block">
                        {localizedName(locale, c.labelZh, c.labelEn)}: <strong>{formatNumber(locale, c.value)}</strong> {c.unit}
                      </span>
                    ))}
              </DetailRow>
              <DetailRow label={t("detail.quantity")} testId="listing-quantity">
                {t("detail.quantityValue", { available: formatNumber(locale, d.quantityAvailable), total: formatNumber(locale, d.totalQuantity), unit: d.unit })}
              </DetailRow>
              <DetailRow label={t("detail.location")}>{`${d.address} · ${localizedName(locale, d.region.nameZh, d.region.nameEn)}`}</DetailRow>
              <DetailRow label={t("detail.travel")}>{t("detail.travelValue", { range: t(`travel.${d.travelRange}`), km: formatNumber(locale, d.maxTravelKm) })}</DetailRow>
              <DetailRow label={t("detail.lead")}>{t("detail.leadValue", { time: formatDuration(locale, d.mobilizationMinutes * 60, { precision: "minute" }) })}</DetailRow>
              <DetailRow label={t("detail.availability")} testId="listing-windows">
                {windows.length === 0 ? t("detail.noWindows") : <ul>{windows.map((w, i) => <li key={i}>{w}</li>)}</ul>}
              </DetailRow>
              <DetailRow label={t("detail.credentials")}>
                <CredentialList t={t} locale={locale} credentials={d.credentials} />
              </DetailRow>
              <DetailRow label={t("detail.pricing")} testId="listing-price">
                {d.pricingMode === "FREE"
                  ? t("detail.free")
                  : t("detail.price", { price: formatPrice(locale, d.priceCents, d.currency), mode: t(`pricing.${d.pricingMode}`) })}
                {d.depositCents > 0 ? ` · ${t("detail.deposit", { amount: formatPrice(locale, d.depositCents, d.currency) })}` : ""}
              </DetailRow>
              {d.description ? <DetailRow label={t("detail.description")}><p className="whitespace-pre-line">{d.description}</p></DetailRow> : null}
            </dl>
          </CardBody>
        </Card>
        <div className="space-y-6">
          <MapView
            testId="listing-map"
            ariaLabel={t("detail.location")}
            center={{ lat: d.lat, lng: d.lng }}
            zoom={12}
            markers={[{ id: d.id, lat: d.lat, lng: d.lng }]}
            tileUrl={env.MAP_TILE_URL}
            tileAttribution={env.MAP_TILE_ATTRIBUTION}
            height={260}
          />
          <Card>
            <CardBody>
              <h2 className="text-sm font-semibold text-slate-900">{t("detail.owner")}</h2>
              <p className="mt-1 text-sm" data-testid="listing-owner">
                {d.owner.orgId ? (
                  <Link href={organizationHref(locale, d.owner.orgId)} className="font-medium text-brand-700 hover:underline">{ownerName}</Link>
                ) : (
                  <span className="font-medium">{ownerName} · {t("results.individual")}</span>
                )}
              </p>
              <h2 className="mt-4 text-sm font-semibold text-slate-900">{t("detail.contact")}</h2>
              {d.contact ? (
                <dl className="mt-1 text-sm" data-testid="listing-contact">
                  {d.contact.name ? <div><dt className="inline text-slate-500">{t("detail.contactName")}: </dt><dd className="inline">{d.contact.name}</dd></div> : null}
                  {d.contact.phone ? <div><dt className="inline text-slate-500">{t("detail.contactPhone")}: </dt><dd className="inline"><a href={`tel:${d.contact.phone}`} data-testid="listing-contact-phone">{d.contact.phone}</a></dd></div> : null}
                  {d.contact.email ? <div><dt className="inline text-slate-500">{t("detail.contactEmail")}: </dt><dd className="inline"><a href={`mailto:${d.contact.email}`}>{d.contact.email}</a></dd></div> : null}
                </dl>
              ) : (
                <p className="mt-1 text-sm text-slate-600" data-testid="listing-contact-hidden">{t("detail.contactHidden")}</p>
              )}
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
