"use client";

import dynamic from "next/dynamic";
import type { TCommandMapDto } from "@/lib/schemas/command-map";

export type CommandMapProps = {
  data: TCommandMapDto;
  /** env.MAP_TILE_URL from the server page; empty = no tiles (vector layers and boundaries only). */
  tileUrl: string;
  tileAttribution?: string;
  /** Wall mode: larger labels, no scroll-zoom capture. */
  wall?: boolean;
  label: string;
};

const Inner = dynamic(() => import("./command-map-inner"), {
  ssr: false,
  loading: () => <div className="h-full w-full animate-pulse bg-slate-100" />,
});

/**
 * The command centre's Leaflet map (client only). What is drawn is mirrored in data attributes (counts per
 * layer) so tests and assistive technology can read the picture without pixels.
 */
export function CommandMap(props: CommandMapProps) {
  const { data } = props;
  return (
    <div
      data-testid="command-map"
      data-incidents={data.incidents.length}
      data-needs={data.needs.length}
      data-movements={data.movements.length}
      data-hazards={data.hazardZones.length}
      data-need-ids={data.needs.map((n) => n.id).join(" ")}
      role="region"
      aria-label={props.label}
      className="relative isolate h-full min-h-[360px] w-full overflow-hidden rounded-lg border border-slate-200 bg-slate-50"
    >
      <Inner {...props} />
    </div>
  );
}
