import type { BadgeTone } from "@/components/ui/badge";
import { paths } from "@/components/layout/routes";
import type { TIncidentStatus as IncidentStatus, TSeverity as Severity } from "@/lib/schemas/incidents";

/**
 * Pure view helpers for the incident pages (no React, no i18n): enum lists in display order, badge
 * tones, which status changes a person may offer, and the incident's links.
 */

export const SEVERITY_TONE: Record<Severity, BadgeTone> = { I: "danger", II: "brand", III: "warning", IV: "info" };

export const INCIDENT_STATUS_TONE: Record<IncidentStatus, BadgeTone> = {
  DRAFT: "neutral",
  ACTIVE: "danger",
  CONTAINED: "warning",
  CLOSED: "success",
};

export type IncidentAction = { key: "activate" | "contain" | "reactivate" | "close"; to: IncidentStatus };

/**
 * The status changes offered for an incident (mirrors server/modules/incidents/incident-state.ts: draft →
 * active → contained → closed; a contained incident can flare up again; a draft can be discarded). The server enforces the same machine; this only decides which buttons to show.
 */
export function incidentActions(status: IncidentStatus): IncidentAction[] {
  switch (status) {
    case "DRAFT":
      return [
        { key: "activate", to: "ACTIVE" },
        { key: "close", to: "CLOSED" },
      ];
    case "ACTIVE":
      return [
        { key: "contain", to: "CONTAINED" },
        { key: "close", to: "CLOSED" },
      ];
    case "CONTAINED":
      return [
        { key: "reactivate", to: "ACTIVE" },
        { key: "close", to: "CLOSED" },
      ];
    case "CLOSED":
      return [];
  }
}

/** A severity/status/kind string from a query string, or undefined when it is not one of ours. */
export function pickEnum<T extends string>(values: readonly T[], raw: string | string[] | undefined): T | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return values.find((x) => x === v);
}

export const incidentsPath = paths.incidents;
export const incidentPath = (id: string) => `/incidents/${encodeURIComponent(id)}`;
export const editNeedPath = (incidentId: string, needId: string) =>
  `${incidentPath(incidentId)}/needs/${encodeURIComponent(needId)}/edit`;
export const newIncidentPath = paths.newIncident;
