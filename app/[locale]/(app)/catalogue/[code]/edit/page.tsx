import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/localized-name";
import { getServerActor, getServerCaller } from "@/lib/trpc/server";
import { can } from "@/server/auth/permissions";
import { ZResourceTypeCode } from "@/lib/schemas/catalogue";
import { localeHref, paths, signInHref } from "@/components/layout/routes";
import { PageHeader } from "@/components/layout/page-header";
import { ResourceTypeForm } from "@/components/catalogue/resource-type-form";
import { ButtonLink } from "@/components/ui/button";

type Props = { params: Promise<{ locale: string; code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "catalogue");
  return { title: t("edit") };
}

/** Platform admins edit a catalogue type; every change is audited with the fields it touched. */
export default async function EditResourceTypePage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const { code: rawCode } = await params;
  const code = ZResourceTypeCode.safeParse(decodeURIComponent(rawCode));
  if (!code.success) notFound();
  const actor = await getServerActor();
  if (!actor || actor.via !== "session") redirect(signInHref(locale, `${paths.catalogue}/${code.data}/edit`));
  if (!can(actor.roles, "catalogue.write")) redirect(localeHref(locale, paths.catalogue));
  const caller = await getServerCaller();
  const type = await caller.catalogue.getType({ code: code.data }).catch(() => null);
  if (!type) notFound();
  const t = await getT(locale, "catalogue");
  const listHref = localeHref(locale, paths.catalogue);
  return (
    <>
      <PageHeader
        title={t("editTitle", { name: localizedName(locale, type.nameZh, type.nameEn) })}
        subtitle={t("formSubtitle")}
        actions={<ButtonLink href={listHref} variant="outline">{t("backToList")}</ButtonLink>}
      />
      <ResourceTypeForm type={type} listHref={listHref} />
    </>
  );
}
