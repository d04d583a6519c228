import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { OfferInbox } from "@/components/offers/offer-inbox";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "offers");
  return { title: t("meta.title") };
}

/** The supplier's offer inbox (accept / decline within the hold, then report progress). */
export default async function OffersPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.offers));
  const t = await getT(locale, "offers");
  return (
    <div data-testid="offers-page">
      <PageHeader title={t("header.title")} subtitle={t("header.subtitle")} />
      {can(actor.roles, "offer.respond") ? (
        <OfferInbox listingsHref={`/${locale}${paths.listings}`} />
      ) : (
        <EmptyState title={t("empty.pendingTitle")} description={t("empty.pendingBody")} data-testid="offers-no-role" />
      )}
    </div>
  );
}
