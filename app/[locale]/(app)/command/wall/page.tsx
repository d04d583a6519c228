import type { Metadata } from "next";
import { env } from "@/lib/env";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { getServerCaller } from "@/lib/trpc/server";
import { localeHref, paths } from "@/components/layout/routes";
import { CommandForbidden, requireCommandViewer, wallInterval } from "@/components/command/command-access-states";
import { CommandWall } from "@/components/command/command-wall";
import { EmptyState } from "@/components/ui/empty-state";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "commandMap");
  return { title: t("meta.wallTitle") };
}

/** /command/wall: the wall screen cycling through every region the caller may see (`?interval=<seconds>`). */
export default async function CommandWallPage({ params, searchParams }: Props) {
  const locale = await getLocaleFromParams(params);
  const query = await searchParams;
  const actor = await requireCommandViewer(locale, paths.commandWall);
  if (!actor) return <CommandForbidden locale={locale} />;
  const regions = await (await getServerCaller()).commandMap.regions();
  if (regions.length === 0) {
    const t = await getT(locale, "commandMap");
    return <EmptyState title={t("noRegions.title")} description={t("noRegions.body")} data-testid="command-no-regions" />;
  }
  return (
    <CommandWall
      regions={regions}
      intervalSec={wallInterval(query.interval)}
      tileUrl={env.MAP_TILE_URL}
      tileAttribution={env.MAP_TILE_ATTRIBUTION}
      exitHref={localeHref(locale, paths.command)}
    />
  );
}
