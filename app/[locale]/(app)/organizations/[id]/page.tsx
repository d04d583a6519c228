import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { formatNumber } from "@/lib/i18n/format";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { browseHref } from "@/components/listings/browse/browse-url";
import { DetailRow } from "@/components/listings/browse/listing-detail-sections";
import { OrgListingList } from "@/components/listings/browse/org-listing-list";

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "browse");
  return { title: t("org.metaTitle") };
}

async function load(id: string) {
  try {
    return await (await getServerCaller()).listingBrowse.organization({ id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
}

/** An organisation's public page: profile, verification and the listings it offers. */
export default async function OrganizationPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const { id } = await params;
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, `/organizations/${encodeURIComponent(id)}`));
  if (!can(actor.roles, "listing.read")) redirect(localeHref(locale, paths.dashboard));
  const [t, tc, org] = await Promise.all([getT(locale, "browse"), getT(locale, "common"), load(id)]);
  const en = locale === "en";
  const verified = org.verification === "VERIFIED";

  return (
    <>
      <PageHeader
        title={<span data-testid="org-name">{localizedName(locale, org.name, org.nameEn)}</span>}
        subtitle={
          // the name in the other language, marked as such (the registered Chinese name matters to requesters)
          org.nameEn ? <span lang={en ? "zh-CN" : "en"}>{en ? org.name : org.nameEn}</span> : undefined
        }
        actions={<Badge tone={verified ? "info" : "warning"} data-testid="org-verification">{tc(`verification.${org.verification}`)}</Badge>}
      />
      <Card className="mb-6">
        <CardBody>
          <dl className="divide-y divide-slate-100">
            <DetailRow label={t("org.kind")}>{tc(`orgKinds.${org.kind}`)}</DetailRow>
            <DetailRow label={t("org.region")}>{localizedName(locale, org.region.nameZh, org.region.nameEn)}</DetailRow>
            {org.description ? <DetailRow label={t("detail.description")}>{org.description}</DetailRow> : null}
            {org.contact ? (
              <DetailRow label={t("detail.contact")} testId="org-contact">
                <span className="block">{org.contact.name}</span>
                {org.contact.phone ? <a className="block" href={`tel:${org.contact.phone}`}>{org.contact.phone}</a> : null}
                {org.contact.email ? <a className="block" href={`mailto:${org.contact.email}`}>{org.contact.email}</a> : null}
                {org.contact.address ? <span className="block text-slate-600">{org.contact.address}</span> : null}
              </DetailRow>
            ) : (
              <DetailRow label={t("detail.contact")} testId="org-contact-hidden">{t("detail.contactHidden")}</DetailRow>
            )}
          </dl>
        </CardBody>
      </Card>
      {!verified ? <p className="mb-4 text-sm text-amber-800">{t("org.notVerifiedNote")}</p> : null}
      <h2 className="mb-3 text-lg font-semibold text-slate-900">{t("org.listings", { count: formatNumber(locale, org.listingTotal) })}</h2>
      {org.listings.length === 0 ? (
        <EmptyState title={t("org.noListings")} action={{ href: browseHref(locale), label: t("detail.back") }} />
      ) : (
        <OrgListingList items={org.listings} />
      )}
    </>
  );
}
