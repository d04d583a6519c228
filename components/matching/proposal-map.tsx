"use client";

import dynamic from "next/dynamic";

export type ProposalMapNeed = { id: string; title: string; priority: string; lat: number; lng: number };
export type ProposalMapResource = { assignmentId: string; needId: string; title: string; lat: number; lng: number; label: string };

export type ProposalMapProps = {
  needs: ProposalMapNeed[];
  resources: ProposalMapResource[];
  selectedId: string | null;
  onSelect: (assignmentId: string) => void;
  /** Accessible names: a need marker, a resource marker/line. */
  needLabel: (n: ProposalMapNeed) => string;
  tileUrl: string;
  tileAttribution?: string;
  height?: number;
  label: string;
};

/** Priority → line/marker colour (life-safety red, urgent amber, routine blue). */
export const PRIORITY_COLOUR: Record<string, string> = { LIFE_SAFETY: "#dc2626", URGENT: "#d97706", ROUTINE: "#2563eb" };
export const priorityColour = (p: string) => PRIORITY_COLOUR[p] ?? "#475569";

const Inner = dynamic(() => import("./proposal-map-inner"), {
  ssr: false,
  loading: () => <div className="h-full w-full animate-pulse bg-slate-100" />,
});

/**
 * The proposal on a map (client-only Leaflet): each need's staging point, each proposed resource at its
 * coarse base location, a line need → resource coloured by the need's priority. A click on a marker or
 * line selects that proposal row. Counts are mirrored in data attributes for tests and assistive tech.
 */
export function ProposalMap(props: ProposalMapProps) {
  const height = props.height ?? 300;
  return (
    <div
      role="region"
      aria-label={props.label}
      data-testid="proposal-map"
      data-needs={props.needs.length}
      data-resources={props.resources.length}
      data-selected={props.selectedId ?? ""}
      className="relative z-0 overflow-hidden rounded-lg border border-slate-200"
      style={{ height }}
    >
      <Inner {...props} height={height} />
    </div>
  );
}
