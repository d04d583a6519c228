import { incidentPath } from "@/components/incidents/incident-view";

/** The printable after-action report of an incident (under the incident's own path, so its guard applies). */
export const incidentReportPath = (id: string) => `${incidentPath(id)}/report`;
/** Exports: route handlers outside the locale segment; the locale picks the names' language. */
export const incidentReportCsvHref = (id: string, locale: string) => `/api/incidents/${encodeURIComponent(id)}/report/csv?locale=${encodeURIComponent(locale)}`;
export const incidentReportPdfHref = (id: string, locale: string) => `/api/incidents/${encodeURIComponent(id)}/report/pdf?locale=${encodeURIComponent(locale)}`;
