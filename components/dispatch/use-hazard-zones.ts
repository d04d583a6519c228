"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/lib/trpc/react";
import { ZCreateHazardZoneInput } from "@/lib/schemas/dispatch";
import { serverFieldErrors, zodFieldErrors, type FieldErrorMap } from "@/components/auth/form-errors";
import { pointsToPolygon, polygonToRings, type LatLng } from "@/components/incidents/area-geojson";

export const HAZARD_SEVERITIES = ["I", "II", "III", "IV"] as const;
export type HazardSeverity = (typeof HAZARD_SEVERITIES)[number];

/**
 * Hazard zones of one incident and the drawing in progress. Shared by the incident map (which shows the
 * zones and takes the clicks while drawing) and the hazard panel (controls, form, list).
 */
export function useHazardZones(incidentId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listInput = { incidentId, includeInactive: true };
  const zones = useQuery(trpc.dispatch.hazard.list.queryOptions(listInput));
  const [drawing, setDrawing] = useState(false);
  const [corners, setCorners] = useState<LatLng[]>([]);
  const [finished, setFinished] = useState(false);
  const [name, setName] = useState("");
  const [severity, setSeverity] = useState<HazardSeverity>("II");
  const [training, setTraining] = useState("");
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [saved, setSaved] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.dispatch.hazard.list.queryKey(listInput) });
  const create = useMutation(trpc.dispatch.hazard.create.mutationOptions());
  const deactivate = useMutation(trpc.dispatch.hazard.deactivate.mutationOptions({ onSuccess: () => void refresh() }));

  function reset() {
    setDrawing(false);
    setFinished(false);
    setCorners([]);
    setName("");
    setTraining("");
    setErrors({});
  }

  function start() {
    reset();
    setSaved(false);
    setDrawing(true);
  }

  function save() {
    const parsed = ZCreateHazardZoneInput.safeParse({
      incidentId,
      name,
      severity,
      requiredTraining: training || null,
      polygon: pointsToPolygon(corners),
    });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    create.mutate(parsed.data, {
      onSuccess: () => {
        reset();
        setSaved(true);
        void refresh();
      },
      onError: (e) => setErrors(serverFieldErrors(e)),
    });
  }

  const all = zones.data ?? [];
  return {
    zones: all,
    loaded: zones.isSuccess,
    /** Rings of the active zones, for the map. */
    activeRings: all.filter((z) => z.active).flatMap((z) => polygonToRings(z.polygon)),
    drawing,
    finished,
    corners,
    /** Map click handler while corners are being added; undefined otherwise. */
    addCorner: drawing && !finished ? (p: LatLng) => setCorners((c) => [...c, p]) : undefined,
    undo: () => setCorners((c) => c.slice(0, -1)),
    finish: () => setFinished(true),
    start,
    cancel: reset,
    form: { name, setName, severity, setSeverity, training, setTraining },
    errors,
    saved,
    save,
    saving: create.isPending,
    deactivate: (id: string) => deactivate.mutate({ id }),
    deactivatingId: deactivate.isPending ? deactivate.variables?.id ?? null : null,
  };
}

export type HazardZonesState = ReturnType<typeof useHazardZones>;
