import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerCaller } from "@/lib/trpc/server";
import { localeHref, paths } from "@/components/layout/routes";
import { CommandForbidden, requireCommandViewer } from "@/components/command/command-access-states";
import { commandPaths } from "@/components/command/command-map-view";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "commandMap");
  return { title: t("meta.title") };
}

/** /command: opens the broadest region the caller may see (admins: Jiangsu; a city's government: its city). */
export default async function CommandIndexPage({ params }: Props) {
  const locale = await getLocaleFromParams(params);
  const actor = await requireCommandViewer(locale, paths.command);
  if (!actor) return <CommandForbidden locale={locale} />;
  const regions = await (await getServerCaller()).commandMap.regions();
  if (regions.length === 0) {
    const t = await getT(locale, "commandMap");
    return (
      <EmptyState
        title={t("noRegions.title")}
        description={t("noRegions.body")}
        action={{ href: localeHref(locale, paths.organization), label: t("forbidden.back") }}
        data-testid="command-no-regions"
      />
    );
  }
  redirect(localeHref(locale, commandPaths.region(regions[0]!.code)));
}
