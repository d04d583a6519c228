import type { Metadata } from "next";
import { env } from "@/lib/env";
import { getLocaleFromParams, getT } from "@/lib/i18n/server";
import { ZRegionCode } from "@/lib/schemas/command-map";
import { getQueryClient, HydrateClient, trpc } from "@/lib/trpc/server";
import { localeHref } from "@/components/layout/routes";
import { errorCode } from "@/components/incidents/incident-access";
import { CommandForbidden, CommandNotFound, requireCommandViewer, wallInterval } from "@/components/command/command-access-states";
import { KpiPanel } from "@/components/command/kpi-panel";
import { CommandCentre } from "@/components/command/command-centre";
import { commandPaths } from "@/components/command/command-map-view";
import { CommandWall } from "@/components/command/command-wall";

type Props = {
  params: Promise<{ locale: string; regionCode: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getT(await getLocaleFromParams(params), "commandMap");
  return { title: t("meta.title") };
}

/**
 * One region's command centre. The server checks access and loads the map data into the query cache; the
 * client keeps it live. `?wall=1` shows the wall mode for this region and the regions below it
 * (`&interval=<seconds>` sets the cycle).
 */
export default async function CommandRegionPage({ params, searchParams }: Props) {
  const locale = await getLocaleFromParams(params);
  const { regionCode } = await params;
  const query = await searchParams;
  const actor = await requireCommandViewer(locale, commandPaths.region(regionCode));
  if (!actor) return <CommandForbidden locale={locale} />;
  if (!ZRegionCode.safeParse(regionCode).success) return <CommandNotFound locale={locale} />;
  let data;
  try {
    data = await getQueryClient().fetchQuery(trpc.commandMap.map.queryOptions({ regionCode }));
  } catch (error) {
    const code = errorCode(error);
    if (code === "FORBIDDEN") return <CommandForbidden locale={locale} />;
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") return <CommandNotFound locale={locale} />;
    throw error;
  }
  if (query.wall === "1") {
    return (
      <HydrateClient>
        <CommandWall
          regions={[data.region, ...data.children]}
          intervalSec={wallInterval(query.interval)}
          tileUrl={env.MAP_TILE_URL}
          tileAttribution={env.MAP_TILE_ATTRIBUTION}
          exitHref={localeHref(locale, commandPaths.region(regionCode))}
        />
      </HydrateClient>
    );
  }
  return (
    <HydrateClient>
      <CommandCentre
        regionCode={regionCode}
        tileUrl={env.MAP_TILE_URL}
        tileAttribution={env.MAP_TILE_ATTRIBUTION}
        kpiSlot={<KpiPanel regionCode={regionCode} />}
      />
    </HydrateClient>
  );
}
