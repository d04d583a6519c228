import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerActor } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { ResourceTypeForm } from "@/components/catalogue/resource-type-form";
import { ButtonLink } from "@/components/ui/button";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "catalogue");
  return { title: t("newTitle") };
}

/** Platform admins add a type to the catalogue (the procedure checks "catalogue.write" again). */
export default async function NewResourceTypePage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, paths.catalogueNew));
  if (!can(actor.roles, "catalogue.write")) redirect(localeHref(locale, paths.catalogue));
  const t = await getT(locale, "catalogue");
  const listHref = localeHref(locale, paths.catalogue);
  return (
    <>
      <PageHeader
        title={t("newTitle")}
        subtitle={t("formSubtitle")}
        actions={<ButtonLink href={listHref} variant="outline">{t("backToList")}</ButtonLink>}
      />
      <ResourceTypeForm listHref={listHref} />
    </>
  );
}
